// A server process killed with SIGKILL mid-stream of writes loses none it acknowledged.
import type { ChildProcess } from "node:child_process";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createApiToken } from "../../src/auth/api-tokens.ts";
import { sqliteFilePath } from "../../src/db/migrate-sqlite.ts";
import { providerOf } from "../../src/db/provider.ts";
import { createTestApp } from "../app.ts";
import { tokenClient } from "../http-client.ts";
import { freePort, printed, startTs } from "../processes.ts";

async function startServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = startTs("src/main.ts", {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: "127.0.0.1",
  });
  await printed(child, "listening");
  return child;
}

describe("crash safety", () => {
  it("every acknowledged write survives a SIGKILL, and a SQLite file passes its integrity check", {
    timeout: 90_000,
  }, async () => {
    const setup = await createTestApp();
    const databaseUrl = setup.config.DATABASE_URL;
    const writer = await setup.given.user();
    const { token } = await createApiToken(setup.db, writer.id, "crash test");
    await setup.close();

    const port = await freePort();
    const server = await startServer(databaseUrl, port);
    const client = tokenClient(`http://127.0.0.1:${port}`, token);
    const acknowledged: string[] = [];
    let stop = false;
    // Four writers, each waiting for its answer before its next write.
    const writers = [0, 1, 2, 3].map(async (w) => {
      for (let i = 0; !stop; i++) {
        try {
          const created = await client.scenario.create.mutate({ title: `w${w}-${i}`, gameSystem: "crash test" });
          acknowledged.push(created.id);
        } catch {
          return; // the server is gone: that write was never acknowledged
        }
      }
    });
    while (acknowledged.length < 200) await new Promise((resolve) => setTimeout(resolve, 10));
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGKILL");
    await exited;
    stop = true;
    await Promise.all(writers);

    if (providerOf(databaseUrl) === "sqlite") {
      // PostgreSQL checks its own pages on recovery; SQLite's file can be checked here.
      const check = new Database(sqliteFilePath(databaseUrl));
      expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
      check.close();
    }

    const restarted = await startServer(databaseUrl, port);
    try {
      const stored = new Set<string>();
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = await client.scenario.list.query({
          limit: 100,
          cursor,
        });
        for (const s of page.items) stored.add(s.id);
        cursor = page.nextCursor;
      } while (cursor);
      const lost = acknowledged.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      expect(acknowledged.length).toBeGreaterThanOrEqual(200);
    } finally {
      restarted.kill("SIGTERM");
    }
  });
});
