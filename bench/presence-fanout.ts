// Presence fan-out over real HTTP: a server in its own process, N live subscribers
// of one session's presence stream (SSE) in this one; the time from a presence
// change (a player connects or disconnects) to its arrival at every subscriber,
// and the server's memory as streams are opened.
import { readFileSync } from "node:fs";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { sha256 } from "../src/auth/lucia.ts";
import { createDb } from "../src/db/client.ts";
import { tokenClient } from "../tests/http-client.ts";
import { freePort, pause, printed, startTs, stop, until } from "../tests/processes.ts";
import { freshDatabase } from "./fixtures.ts";
import type { BareRouter } from "./servers/bare-sse.ts";

type Latency = { p50Ms: number; p99Ms: number; maxMs: number };
export type FanoutResult = Latency & {
  subscribers: number;
  rounds: number;
  rssMb: { idle: number; at: Record<string, number> };
};

function summarize(latencies: number[]): Latency {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return {
    p50Ms: round1(percentile(sorted, 0.5)),
    p99Ms: round1(percentile(sorted, 0.99)),
    maxMs: round1(sorted.at(-1) ?? 0),
  };
}

/**
 * Records, per event version, when it reached each of the first `measured` subscribers;
 * `measure` triggers a change per round and returns every subscriber's delay.
 */
function arrivalsRecorder(measured: number) {
  const arrivals = new Map<number, number[]>();
  let opened = 0;
  return {
    opened: () => opened,
    listener(index: number) {
      let first = true;
      return (event: { id: string }) => {
        const received = performance.now();
        if (first) {
          first = false; // the snapshot every stream starts with
          opened += 1;
          return;
        }
        if (index >= measured) return;
        const version = Number(event.id);
        arrivals.set(version, [...(arrivals.get(version) ?? []), received]);
      };
    },
    async measure(rounds: number, change: (round: number) => Promise<number>): Promise<number[]> {
      const delays: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const started = performance.now();
        const version = await change(round);
        await until(() => (arrivals.get(version)?.length ?? 0) >= measured, `change ${round} to reach everyone`);
        for (const arrived of arrivals.get(version) ?? []) delays.push(arrived - started);
      }
      return delays;
    },
  };
}

/** The same measurement against a bare tRPC subscription (bench/servers/bare-sse.ts). */
export async function benchBareTrpcFanout(
  subscribers: number,
  rounds = 20,
): Promise<Latency & { subscribers: number; rounds: number }> {
  const port = await freePort();
  const server = startTs("bench/servers/bare-sse.ts", { PORT: String(port) });
  const streams: { unsubscribe: () => void }[] = [];
  try {
    await printed(server, "ready");
    const url = `http://127.0.0.1:${port}/trpc`;
    const client = createTRPCClient<BareRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url, transformer: superjson, EventSource }),
          false: httpBatchLink({ url, transformer: superjson }),
        }),
      ],
    });
    const fanout = arrivalsRecorder(subscribers);
    while (streams.length < subscribers) {
      streams.push(client.changes.subscribe(undefined, { onData: fanout.listener(streams.length) }));
    }
    await until(() => fanout.opened() >= subscribers, "bare streams to open");
    await pause(1_000);
    const latencies = await fanout.measure(rounds, () => client.change.mutate());
    return { subscribers, rounds, ...summarize(latencies) };
  } finally {
    for (const stream of streams) stream.unsubscribe();
    await stop(server);
  }
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return Math.round(Number(line?.[1] ?? 0) / 1024);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Seeds an active session with a host, one player who comes and goes, and an admin who watches. */
async function seed(url: string) {
  const db = createDb(url);
  const now = new Date();
  const user = (name: string, role: "user" | "admin" = "user") =>
    db.user.create({ data: { email: `${name}@bench.test`, displayName: name, passwordHash: "-", role } });
  const [host, mover, watcher] = [await user("host"), await user("mover"), await user("watcher", "admin")];
  const gameSession = await db.gameSession.create({
    data: {
      title: "Fan-out",
      hostId: host.id,
      startsAt: now,
      status: "active",
      startedAt: now,
      joinCode: "FANOUT0001",
      playerCount: 1,
      version: 2,
    },
  });
  await db.participant.createMany({
    data: [
      { gameSessionId: gameSession.id, userId: host.id, role: "master", status: "joined", joinOrder: 0, joinedAt: now },
      {
        gameSessionId: gameSession.id,
        userId: mover.id,
        role: "player",
        status: "joined",
        joinOrder: 1,
        joinedAt: now,
      },
    ],
  });
  const token = (userId: string, name: string) => {
    const value = `qrm_bench_${name}`;
    return db.apiToken
      .create({ data: { userId, name, tokenHash: sha256(value), prefix: value.slice(0, 10) } })
      .then(() => value);
  };
  const tokens = { mover: await token(mover.id, "mover"), watcher: await token(watcher.id, "watcher") };
  await db.$disconnect();
  return { sessionId: gameSession.id, tokens };
}

export async function benchPresenceFanout(subscribers: number, memoryAt: number[], rounds = 20): Promise<FanoutResult> {
  const { url, dispose } = freshDatabase("presence");
  const { sessionId, tokens } = await seed(url);
  const port = await freePort();
  const server = startTs("src/main.ts", {
    DATABASE_URL: url,
    PORT: String(port),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    CANCEL_CRON: "0 0 1 1 *",
  });
  const base = `http://127.0.0.1:${port}`;
  const streams: { unsubscribe: () => void }[] = [];
  try {
    const watcher = tokenClient(base, tokens.watcher);
    const mover = tokenClient(base, tokens.mover);
    await printed(server, "listening");
    await pause(500);
    const pid = server.pid ?? 0;
    const idle = rssMb(pid);
    const at: Record<string, number> = {};

    const fanout = arrivalsRecorder(subscribers);
    const latencies: number[] = [];
    for (const target of [...new Set([subscribers, ...memoryAt])].sort((a, b) => a - b)) {
      while (streams.length < target) {
        streams.push(watcher.presence.onChanged.subscribe({ sessionId }, { onData: fanout.listener(streams.length) }));
      }
      await until(() => fanout.opened() >= target, `${target} streams to open`);
      await pause(1_000);
      if (memoryAt.includes(target)) at[target] = rssMb(pid);
      if (target !== subscribers) continue;
      latencies.push(
        ...(await fanout.measure(rounds, async (round) => {
          if (round % 2 === 0) await mover.presence.connect.mutate({ sessionId });
          else await mover.presence.disconnect.mutate({ sessionId });
          return Number((await watcher.presence.list.query({ sessionId })).version);
        })),
      );
    }
    return { subscribers, rounds, ...summarize(latencies), rssMb: { idle, at } };
  } finally {
    for (const stream of streams) stream.unsubscribe();
    await stop(server);
    dispose();
  }
}
