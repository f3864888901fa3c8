// SIGTERM under load: calls already running finish before the database closes, nothing
// fails on the way out, live streams are told to reconnect (and, behind a load
// balancer, resume on another process missing nothing), and the process ends cleanly.
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import { createTRPCClient, httpSubscriptionLink, type TRPCClientError } from "@trpc/client";
import { EventSource } from "eventsource";
import { describe, expect, it } from "vitest";
import { createApiToken } from "../src/auth/api-tokens.ts";
import type { AppRouter } from "../src/router.ts";
import { transformer } from "../src/wire.ts";
import { createTestApp } from "./app.ts";
import { replyData, tokenClient } from "./http-client.ts";
import { freePort, pause, printed, startTs, stop, until } from "./processes.ts";
import { testProvider } from "./setup/test-database.ts";

/** A server process on the test app's database; its output is collected. */
async function serverOn(databaseUrl: string) {
  const port = await freePort();
  const child = startTs("src/main.ts", { DATABASE_URL: databaseUrl, PORT: String(port), HOST: "127.0.0.1" });
  const output = { text: "" };
  child.stdout?.on("data", (chunk: Buffer) => {
    output.text += chunk.toString();
  });
  await printed(child, "listening");
  return { child, url: `http://127.0.0.1:${port}`, output };
}

const exitCode = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
const loggedErrors = (output: string) => output.split("\n").filter((line) => /"level":(50|60)/.test(line));

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

  it("SIGTERM during a stream and a write: the write completes, the stream is told to reconnect", {
    timeout: 60_000,
  }, async () => {
    const app = await createTestApp({}, { realClock: true });
    const server = await serverOn(app.config.DATABASE_URL);
    try {
      const { id, host } = await app.given.session({ seats: 6, minPlayers: 1 });
      const { token } = await createApiToken(app.db, host.id, "restart test");
      const input = encodeURIComponent(JSON.stringify({ json: { sessionId: id } }));
      let frames = "";
      const streamEnded = new Promise<void>((resolve, reject) => {
        http
          .get(
            `${server.url}/trpc/session.onChanged?input=${input}`,
            { headers: { authorization: `Bearer ${token}` } },
            (r) => {
              r.setEncoding("utf8");
              r.on("data", (chunk: string) => {
                frames += chunk;
              });
              r.on("end", resolve);
            },
          )
          .once("error", reject);
      });
      await until(() => frames.includes("id: "), "the stream's first snapshot", 5_000);
      const player = await app.given.user();
      // The write arrives before the SIGTERM, its body after: it is in flight, whatever the machine's speed.
      const body = JSON.stringify({ json: { sessionId: id, userId: player.id } });
      const write = http.request(`${server.url}/trpc/participant.add`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "content-length": body.length,
        },
      });
      const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
        write.once("error", reject).once("response", (r) => {
          let text = "";
          r.setEncoding("utf8")
            .on("data", (chunk: string) => {
              text += chunk;
            })
            .on("end", () => resolve({ status: r.statusCode ?? 0, text }));
        });
      });
      write.write(body.slice(0, 10));
      await pause(300);
      const exited = exitCode(server.child);
      server.child.kill("SIGTERM");
      await pause(100);
      write.end(body.slice(10));
      const { status, text } = await answer;
      expect(status).toBe(200);
      expect(replyData(text)).toMatchObject({ status: "joined" });
      await streamEnded;
      expect(await exited).toBe(0);
      // The last frame: a reconnection delay, and an error tRPC's client retries.
      const last = frames.trim().split("\n\n").at(-1)!;
      expect(last).toMatch(/^retry: \d+\nevent: serialized-error\ndata: /);
      const error = transformer.output.deserialize(JSON.parse(last.slice(last.indexOf("data: ") + 6)));
      expect(error).toMatchObject({
        message: "The server is restarting. Reconnecting…",
        data: { code: "SERVICE_UNAVAILABLE" },
      });
      expect(loggedErrors(server.output.text)).toEqual([]);
    } finally {
      await stop(server.child);
      await app.close();
    }
  });

  it.runIf(testProvider === "postgresql")(
    "a rolling restart: the stream moves to the other process and misses no notification",
    { timeout: 60_000 },
    async () => {
      const app = await createTestApp({}, { realClock: true });
      const [first, second] = [await serverOn(app.config.DATABASE_URL), await serverOn(app.config.DATABASE_URL)];
      try {
        const player = await app.given.user();
        const gm = await app.given.user({ name: "GM", role: "admin" }); // admins manage any session
        const sessions: string[] = [];
        for (let n = 0; n < 4; n++) sessions.push((await app.given.session({ seats: 6, minPlayers: 1 })).id);
        const { token } = await createApiToken(app.db, player.id, "rolling restart");
        const gmToken = (await createApiToken(app.db, gm.id, "rolling restart")).token;

        // Like a load balancer: the first process while it answers, then the second.
        const failover = async (input: string | URL | Request, init?: RequestInit) => {
          const target = new URL(String(input instanceof Request ? input.url : input));
          let lastError: unknown;
          for (const base of [first.url, second.url]) {
            try {
              return await fetch(`${base}${target.pathname}${target.search}`, {
                ...init,
                headers: { ...init?.headers, authorization: `Bearer ${token}` },
              });
            } catch (error) {
              lastError = error;
            }
          }
          throw lastError;
        };
        const client = createTRPCClient<AppRouter>({
          links: [
            httpSubscriptionLink({
              url: `${first.url}/trpc`,
              transformer,
              EventSource,
              eventSourceOptions: { fetch: failover },
            }),
          ],
        });
        const received: string[] = [];
        const states: string[] = [];
        let failure: TRPCClientError<AppRouter> | null = null;
        let started = false;
        const subscription = client.notification.onCreated.subscribe(undefined, {
          onStarted: () => {
            started = true;
          },
          onData: (event) => received.push(event.data.gameSessionId ?? ""),
          onError: (error) => {
            failure = error;
          },
          onConnectionStateChange: (state) => {
            states.push(state.error ? `${state.state}: ${state.error.message}` : state.state);
          },
        });
        try {
          await until(() => started, "the stream to start", 5_000);
          const viaFirst = tokenClient(first.url, gmToken);
          const viaSecond = tokenClient(second.url, gmToken);
          await viaSecond.participant.add.mutate({ sessionId: sessions[0]!, userId: player.id });
          await until(() => received.length === 1, "the first notification", 5_000);

          const write = viaFirst.participant.add.mutate({ sessionId: sessions[1]!, userId: player.id });
          await pause(20);
          const exited = exitCode(first.child);
          first.child.kill("SIGTERM");
          expect((await write).status).toBe("joined");
          // While the stream moves over, more happens, through the second process.
          for (const sessionId of sessions.slice(2)) {
            await viaSecond.participant.add.mutate({ sessionId, userId: player.id });
          }
          expect(await exited).toBe(0);
          await until(() => received.length >= 4, "every notification", 15_000);
          await pause(500); // nothing arrives twice
          expect([...received].sort()).toEqual([...sessions].sort());
          expect(failure).toBeNull();
          expect(states).toContain("connecting: The server is restarting. Reconnecting…");
          expect(loggedErrors(first.output.text)).toEqual([]);
        } finally {
          subscription.unsubscribe();
        }
      } finally {
        await Promise.all([stop(first.child), stop(second.child)]);
        await app.close();
      }
    },
  );
});
