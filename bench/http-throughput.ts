// HTTP figures against a server in its own process, on a database of 100k sessions:
// session.list through tRPC versus a bare node:http baseline (autocannon, 1/16/64
// connections), join+leave write throughput, and cold start to /healthz.
import autocannon from "autocannon";
import superjson from "superjson";
import { createQuorumClient } from "../scripts/client.ts";
import { sha256 } from "../src/auth/lucia.ts";
import { createDb } from "../src/db/client.ts";
import { freePort, pause, printed, startTs, stop } from "../tests/processes.ts";
import { fillSessions, freshDatabase } from "./fixtures.ts";

export type ListResult = {
  connections: number;
  stack: "trpc" | "baseline";
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
};
export type HttpResult = {
  sessions: number;
  list: ListResult[];
  trpcShareOfBaseline: Record<string, number>;
  joinLeave: { clients: number; seconds: number; opsPerSecond: number };
  coldStartMs: number;
};

/** A server process as deployed (production), with the under-fill job out of the way; its errors are shown. */
export function startBenchServer(file: string, env: Record<string, string>) {
  const server = startTs(file, { NODE_ENV: "production", CANCEL_CRON: "0 0 1 1 *", HOST: "127.0.0.1", ...env });
  server.stdout?.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (/"level":(50|60)/.test(line)) console.error(line);
  });
  return server;
}
const start = startBenchServer;

/** Users with API tokens, and one open session with room for all of them. */
async function seedPeople(url: string, count: number, now: Date) {
  const db = createDb(url);
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const user = await db.user.create({
      data: { email: `bench${i}@bench.test`, displayName: `Bench ${i}`, passwordHash: "-" },
    });
    const token = `qrm_bench_${i}_${"x".repeat(20)}`;
    await db.apiToken.create({
      data: { userId: user.id, name: "bench", tokenHash: sha256(token), prefix: token.slice(0, 10) },
    });
    tokens.push(token);
  }
  const table = await db.gameSession.create({
    data: {
      title: "Write bench",
      hostId: "host0",
      startsAt: new Date(now.getTime() + 30 * 86_400_000),
      joinCode: "WRITEBENCH",
      maxPlayers: 100,
      minPlayers: 1,
    },
  });
  await db.$disconnect();
  return { tokens, sessionId: table.id };
}

export async function benchHttp(options: { sessions: number; seconds: number }): Promise<HttpResult> {
  const now = new Date();
  const { url, file, dispose } = freshDatabase("http");
  try {
    fillSessions(file, { sessions: options.sessions, due: 0, now });
    const { tokens, sessionId } = await seedPeople(url, 16, now);
    const [apiPort, baselinePort] = [await freePort(), await freePort()];
    const server = start("bench/servers/api-and-baseline.ts", {
      DATABASE_URL: url,
      API_PORT: String(apiPort),
      BASELINE_PORT: String(baselinePort),
    });
    try {
      await printed(server, "ready");
      // The first page of 20 upcoming sessions, the query the home screen makes.
      const input = encodeURIComponent(
        JSON.stringify(superjson.serialize({ limit: 20, from: now, status: ["scheduled", "active", "paused"] })),
      );
      const headers = { authorization: `Bearer ${tokens[0]}` };
      const targets = {
        trpc: `http://127.0.0.1:${apiPort}/trpc/session.list?input=${input}`,
        baseline: `http://127.0.0.1:${baselinePort}/?input=${input}`,
      };
      const list: ListResult[] = [];
      for (const connections of [1, 16, 64]) {
        for (const stack of ["baseline", "trpc"] as const) {
          await autocannon({ url: targets[stack], connections, duration: 1, headers }); // warm up
          const r = await autocannon({ url: targets[stack], connections, duration: options.seconds, headers });
          list.push({
            connections,
            stack,
            rps: Math.round(r.requests.average),
            p50Ms: r.latency.p50,
            p99Ms: r.latency.p99,
            errors: r.errors + r.non2xx,
          });
        }
      }
      const share = (c: number) => {
        const rps = (stack: string) => list.find((r) => r.connections === c && r.stack === stack)?.rps ?? 0;
        return Math.round((rps("trpc") / Math.max(1, rps("baseline"))) * 100) / 100;
      };

      // Writes: each client joins then leaves the same session, over and over.
      const clients = tokens.map((token) => createQuorumClient({ url: `http://127.0.0.1:${apiPort}`, token }));
      let ops = 0;
      const until = Date.now() + options.seconds * 1000;
      await Promise.all(
        clients.map(async (client) => {
          while (Date.now() < until) {
            await client.participant.join.mutate({ sessionId });
            await client.participant.leave.mutate({ sessionId });
            ops += 2;
          }
        }),
      );
      const joinLeave = {
        clients: clients.length,
        seconds: options.seconds,
        opsPerSecond: Math.round(ops / options.seconds),
      };
      await stop(server);

      // Cold start: process start to /healthz answering, on the same database.
      const coldPort = await freePort();
      const started = performance.now();
      const cold = start("src/main.ts", { DATABASE_URL: url, PORT: String(coldPort) });
      let coldStartMs = 0;
      for (;;) {
        try {
          if ((await fetch(`http://127.0.0.1:${coldPort}/healthz`)).ok) {
            coldStartMs = Math.round(performance.now() - started);
            break;
          }
        } catch {
          // not listening yet
        }
        if (performance.now() - started > 60_000) throw new Error("cold start: /healthz never answered");
        await pause(5);
      }
      await stop(cold);
      return {
        sessions: options.sessions,
        list,
        trpcShareOfBaseline: { "1": share(1), "16": share(16), "64": share(64) },
        joinLeave,
        coldStartMs,
      };
    } finally {
      await stop(server);
    }
  } finally {
    dispose();
  }
}
