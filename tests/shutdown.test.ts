// SIGTERM under load: calls already running finish before the database closes, nothing
// fails on the way out, and the process ends cleanly.
import { describe, expect, it } from "vitest";
import { createApiToken } from "../src/auth/api-tokens.ts";
import { createTestApp } from "./app.ts";
import { tokenClient } from "./http-client.ts";
import { freePort, pause, printed, startTs } from "./processes.ts";

describe("shutdown", () => {
  it("SIGTERM while requests run: they finish or are refused, no error is logged, exit code 0", {
    timeout: 60_000,
  }, async () => {
    const app = await createTestApp({}, { realClock: true });
    try {
      const user = await app.given.user();
      await app.given.session();
      const { token } = await createApiToken(app.db, user.id, "shutdown test");
      const port = await freePort();
      const server = startTs("src/main.ts", {
        DATABASE_URL: app.config.DATABASE_URL,
        PORT: String(port),
        HOST: "127.0.0.1",
      });
      let output = "";
      server.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      await printed(server, "listening");
      const client = tokenClient(`http://127.0.0.1:${port}`, token);
      let answered = 0;
      let running = true;
      const load = Array.from({ length: 64 }, async () => {
        while (running) {
          try {
            await client.session.list.query({ limit: 20 });
            answered += 1;
          } catch {
            return; // the server stopped taking requests
          }
        }
      });
      while (answered < 50) await pause(10);
      const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
      server.kill("SIGTERM");
      expect(await exited).toBe(0);
      running = false;
      await Promise.all(load);
      expect(output.split("\n").filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
