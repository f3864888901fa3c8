// Presence fan-out over real HTTP: a server in its own process, N live subscribers
// of one session's presence stream (SSE) in this one; the time from a presence
// change (a player connects or disconnects) to its arrival at every subscriber,
// and the server's memory as streams are opened.
//
// A subscriber is either a plain SSE reader (an HTTP GET whose frames
// eventsource-parser reads and whose data is parsed as the client does: what each player's
// browser does on its own machine) or a full tRPC client (httpSubscriptionLink,
// the eventsource package and the transformer). 1,000 of the latter share this
// machine's 2 cores with the server, so that figure counts their parsing too.

import { readFileSync } from "node:fs";
import http from "node:http";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createParser } from "eventsource-parser";
import superjson from "superjson";
import { sha256 } from "../src/auth/lucia.ts";
import { createDb } from "../src/db/client.ts";
import { transformer } from "../src/wire.ts";
import { tokenClient } from "../tests/http-client.ts";
import { freePort, pause, printed, startTs, stop, until } from "../tests/processes.ts";
import { freshDatabase, freshPostgresDatabase } from "./fixtures.ts";
import { startBenchServer } from "./http-throughput.ts";
import type { BareRouter } from "./servers/bare-sse.ts";

export type SubscriberKind = "sse" | "trpc";
type Latency = { p50Ms: number; p99Ms: number; maxMs: number };
export type FanoutResult = Latency & {
  subscribers: number;
  subscriberKind: SubscriberKind;
  rounds: number;
  /** The slowest arrival of the first change after start, before anything is warm. */
  firstChangeMs: number;
  /** Per change, from its first arrival to its last: the fan-out without the write before it. */
  spreadMs: Latency;
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

/** Calls `onEvent` with each event id the stream delivers; `close` ends the stream. */
type OpenSubscriber = (onEvent: (id: string) => void) => { close: () => void };

const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/** A plain SSE reader of a tRPC subscription, as a browser's EventSource reads it. */
function sseSubscriber(url: string, headers: Record<string, string> = {}): OpenSubscriber {
  return (onEvent) => {
    const request = http.get(url, { agent, headers: { accept: "text/event-stream", ...headers } }, (response) => {
      const parser = createParser({
        onEvent(event) {
          if (event.id === undefined) return; // tRPC's "connected" event
          transformer.output.deserialize(JSON.parse(event.data));
          onEvent(event.id);
        },
      });
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => parser.feed(chunk));
    });
    let closing = false;
    request.on("error", (error) => {
      if (!closing) throw error; // a stream that could not open must fail the bench, not stall it
    });
    return {
      close: () => {
        closing = true;
        request.destroy();
      },
    };
  };
}

/**
 * Opens `subscribers` streams and records, per event id, when each one got it;
 * `measure` triggers a change per round and returns every subscriber's delay.
 */
function fanoutRecorder(open: OpenSubscriber) {
  const arrivals = new Map<number, number[]>();
  const streams: { close: () => void }[] = [];
  let opened = 0;
  return {
    async openUpTo(count: number) {
      while (streams.length < count) {
        let first = true;
        streams.push(
          open((id) => {
            const received = performance.now();
            if (first) {
              first = false; // the snapshot every stream starts with
              opened += 1;
              return;
            }
            const version = Number(id);
            const got = arrivals.get(version);
            if (got) got.push(received);
            else arrivals.set(version, [received]);
          }),
        );
      }
      // Each stream authenticates, checks access and reads a snapshot: allow 30 ms apiece.
      await until(() => opened >= count, `${count} streams to open`, Math.max(60_000, count * 30));
    },
    /**
     * Makes `warmUp + rounds` changes, one at a time, and returns every subscriber's
     * delay for the measured ones, plus the slowest delay of the very first change
     * (cold code paths), which is reported on its own.
     */
    async measure(rounds: number, change: (round: number) => Promise<number>, warmUp = 3) {
      const delays: number[] = [];
      let firstChangeMs = 0;
      const spreads: number[] = [];
      for (let round = 0; round < warmUp + rounds; round++) {
        const started = performance.now();
        const version = await change(round);
        await until(() => (arrivals.get(version)?.length ?? 0) >= streams.length, `change ${round} to reach everyone`);
        const took = (arrivals.get(version) ?? []).map((arrived) => arrived - started);
        if (round === 0) firstChangeMs = Math.round(Math.max(...took));
        if (round >= warmUp) {
          delays.push(...took);
          spreads.push(Math.max(...took) - Math.min(...took));
        }
      }
      return { delays, firstChangeMs, spreadMs: summarize(spreads) };
    },
    close: () => {
      for (const stream of streams) stream.close();
    },
  };
}

/**
 * The same measurement against a bare tRPC subscription served by tRPC's own HTTP
 * adapter (bench/servers/bare-sse.ts): no database, auth or app code.
 */
export async function benchBareTrpcFanout(
  subscribers: number,
  rounds = 20,
): Promise<Latency & { subscribers: number; rounds: number; spreadMs: Latency }> {
  const port = await freePort();
  const server = startTs("bench/servers/bare-sse.ts", { PORT: String(port) });
  const url = `http://127.0.0.1:${port}/trpc`;
  const fanout = fanoutRecorder(sseSubscriber(`${url}/changes`));
  try {
    await printed(server, "ready");
    const client = createTRPCClient<BareRouter>({ links: [httpBatchLink({ url, transformer })] });
    await fanout.openUpTo(subscribers);
    await pause(1_000);
    const { delays, spreadMs } = await fanout.measure(rounds, () => client.change.mutate());
    return { subscribers, rounds, ...summarize(delays), spreadMs };
  } finally {
    fanout.close();
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

export async function benchPresenceFanout(
  subscribers: number,
  memoryAt: number[],
  {
    subscriberKind = "sse",
    rounds = 20,
    database = "sqlite",
    processes = 1,
  }: {
    subscriberKind?: SubscriberKind;
    rounds?: number;
    database?: "sqlite" | "postgresql";
    /** Server processes on one PostgreSQL database; subscribers are spread over them. */
    processes?: number;
  } = {},
): Promise<FanoutResult> {
  const { url, dispose } =
    database === "postgresql" ? await freshPostgresDatabase("presence") : freshDatabase("presence");
  const { sessionId, tokens } = await seed(url);
  const ports = await Promise.all(Array.from({ length: processes }, () => freePort()));
  // One watcher account on one address stands in for every player: their stream caps are lifted.
  const servers = ports.map((port) =>
    startBenchServer("src/main.ts", {
      DATABASE_URL: url,
      PORT: String(port),
      STREAMS_PER_USER: "100000",
      STREAMS_PER_IP: "1000000",
    }),
  );
  const bases = ports.map((port) => `http://127.0.0.1:${port}`);
  // Changes go through the first process; subscribers take turns among all of them.
  const [changesGoTo = ""] = bases;
  const watcher = tokenClient(changesGoTo, tokens.watcher);
  const mover = tokenClient(changesGoTo, tokens.mover);
  const readers = bases.map((base) =>
    sseSubscriber(`${base}/trpc/presence.onChanged?input=${encodeURIComponent(superjson.stringify({ sessionId }))}`, {
      authorization: `Bearer ${tokens.watcher}`,
    }),
  );
  let opened = 0;
  const fanout = fanoutRecorder(
    subscriberKind === "sse"
      ? (onEvent) => readers.at(opened++ % readers.length)?.(onEvent) ?? { close: () => {} }
      : (onEvent) => {
          const stream = watcher.presence.onChanged.subscribe({ sessionId }, { onData: (event) => onEvent(event.id) });
          return { close: () => stream.unsubscribe() };
        },
  );
  try {
    await Promise.all(servers.map((server) => printed(server, "listening")));
    await pause(500);
    const pid = servers[0]?.pid ?? 0;
    const idle = rssMb(pid);
    const at: Record<string, number> = {};
    let measured: Awaited<ReturnType<typeof fanout.measure>> | undefined;
    for (const target of [...new Set([subscribers, ...memoryAt])].sort((a, b) => a - b)) {
      await fanout.openUpTo(target);
      await pause(1_000);
      if (memoryAt.includes(target)) at[target] = rssMb(pid);
      if (target !== subscribers) continue;
      measured = await fanout.measure(rounds, async (round) => {
        if (round % 2 === 0) await mover.presence.connect.mutate({ sessionId });
        else await mover.presence.disconnect.mutate({ sessionId });
        return Number((await watcher.presence.list.query({ sessionId })).version);
      });
    }
    return {
      subscribers,
      subscriberKind,
      rounds,
      ...summarize(measured?.delays ?? []),
      firstChangeMs: measured?.firstChangeMs ?? 0,
      spreadMs: measured?.spreadMs ?? summarize([]),
      rssMb: { idle, at },
    };
  } finally {
    fanout.close();
    await Promise.all(servers.map(stop));
    await dispose();
  }
}
