// Quorum as a fleet, side by side in one run at 100k sessions: session.list on SQLite
// (one process) and on PostgreSQL with one and with two processes (WEB_CONCURRENCY),
// and the delay of the PostgreSQL LISTEN/NOTIFY event bus between two processes.
import superjson from "superjson";
import { sha256 } from "../src/auth/lucia.ts";
import { createDb } from "../src/db/client.ts";
import { createPostgresBus } from "../src/events/postgres-bus.ts";
import { createEventReader } from "../src/events/reader.ts";
import { getPublicGameSession } from "../src/sessions/queries.ts";
import { freePort, pause, stop, until } from "../tests/processes.ts";
import { fillSessions, fillSessionsPostgres, freshDatabase, freshPostgresDatabase } from "./fixtures.ts";
import { healthy, startBenchServer, upcomingPage } from "./http-throughput.ts";
import { measure } from "./load.ts";

export type FleetListResult = {
  database: "sqlite" | "postgresql";
  processes: number;
  connections: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
};

export type BusDelayResult = {
  messages: number;
  payloadBytes: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
};

const LIST_CONNECTIONS = 64;

/** One user with an API token, for the list requests. */
async function seedReader(url: string): Promise<string> {
  const db = createDb(url);
  const user = await db.user.create({ data: { email: "reader@bench.test", displayName: "Reader", passwordHash: "-" } });
  const token = `qrm_bench_reader_${"x".repeat(20)}`;
  await db.apiToken.create({ data: { userId: user.id, name: "bench", tokenHash: sha256(token), prefix: "qrm_bench" } });
  await db.$disconnect();
  return token;
}

async function listThroughput(url: string, token: string, processes: number, now: Date, seconds: number) {
  const port = await freePort();
  const server = startBenchServer("src/main.ts", {
    DATABASE_URL: url,
    PORT: String(port),
    WEB_CONCURRENCY: String(processes),
  });
  try {
    await healthy(port);
    // Give every worker time to start listening too.
    await pause(processes > 1 ? 3_000 : 500);
    const target = {
      url: `http://127.0.0.1:${port}/trpc/${upcomingPage(now)}`,
      connections: LIST_CONNECTIONS,
      headers: { authorization: `Bearer ${token}` },
    };
    return await measure(target, seconds);
  } finally {
    await stop(server);
  }
}

export async function benchFleetList(options: { sessions: number; seconds: number }): Promise<FleetListResult[]> {
  const now = new Date();
  const results: FleetListResult[] = [];
  const sqlite = freshDatabase("fleet");
  try {
    fillSessions(sqlite.file, { sessions: options.sessions, due: 0, now });
    const r = await listThroughput(sqlite.url, await seedReader(sqlite.url), 1, now, options.seconds);
    results.push({ database: "sqlite", processes: 1, connections: LIST_CONNECTIONS, ...r });
  } finally {
    sqlite.dispose();
  }
  const postgres = await freshPostgresDatabase("fleet");
  try {
    await fillSessionsPostgres(postgres.url, { sessions: options.sessions, now });
    const token = await seedReader(postgres.url);
    for (const processes of [1, 2]) {
      const r = await listThroughput(postgres.url, token, processes, now, options.seconds);
      results.push({ database: "postgresql", processes, connections: LIST_CONNECTIONS, ...r });
    }
  } finally {
    await postgres.dispose();
  }
  return results;
}

/**
 * Publishes `messages` events of about 1 KB from one bus and times their arrival at a
 * second bus on the same database (two processes' view of LISTEN/NOTIFY).
 */
export async function benchBusDelay(messages = 2_000): Promise<BusDelayResult> {
  const postgres = await freshPostgresDatabase("bus");
  const db = createDb(postgres.url);
  try {
    const host = await db.user.create({ data: { email: "h@bench.test", displayName: "H", passwordHash: "-" } });
    const { id } = await db.gameSession.create({
      data: { title: "x".repeat(700), hostId: host.id, startsAt: new Date(), joinCode: "BUSBENCH01" },
    });
    const reader = createEventReader(db, 60);
    const view = await getPublicGameSession(db, id, 60);
    if (!view) throw new Error("the bench session is missing");
    const delays: number[] = [];
    const sender = createPostgresBus(postgres.url, reader);
    const receiver = createPostgresBus(postgres.url, reader, { onDelivered: (_, ms) => delays.push(ms) });
    const stopReading = new AbortController();
    // A reader that falls behind gets the newest snapshot, not every one (src/events):
    // read until the last arrives; the delays count every notification received.
    const reading = (async () => {
      for await (const snapshot of receiver.subscribe("gameSession", id, stopReading.signal)) {
        if ((snapshot as { version: number }).version === messages) break;
      }
    })();
    await Promise.all([sender.check(), receiver.check()]);
    const started = performance.now();
    // A steady stream: 100 events every 50 ms (2,000/s), the way a busy fleet publishes.
    for (let i = 0; i < messages; i++) {
      sender.publish("gameSession", id, { ...view, version: i + 1 });
      if (i % 100 === 99) await pause(50);
    }
    await reading;
    await until(() => delays.length >= messages, "every notification", 30_000);
    const seconds = (performance.now() - started) / 1000;
    stopReading.abort();
    await Promise.all([sender.close(), receiver.close()]);
    const sorted = delays.sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
    return {
      messages,
      payloadBytes: Buffer.byteLength(superjson.stringify(view)),
      perSecond: Math.round(messages / seconds),
      p50Ms: at(0.5),
      p99Ms: at(0.99),
    };
  } finally {
    await db.$disconnect();
    await postgres.dispose();
  }
}
