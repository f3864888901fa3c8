// Quorum's procedures over HTTP against the raw-driver baseline (bench/servers/
// raw-baseline.ts), on a database of 100k sessions, SQLite then PostgreSQL:
// session.list (1/16/64 connections), session.byId, participant.join + leave and
// auth.signIn, each as req/s for both and the app's share of the baseline; then cold
// start to /healthz. The app runs as deployed: src/main.ts, one process, production.
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { sha256 } from "../src/auth/lucia.ts";
import { hashPassword } from "../src/auth/password.ts";
import { createDb } from "../src/db/client.ts";
import { transformer } from "../src/wire.ts";
import { replyData } from "../tests/http-client.ts";
import { freePort, pause, printed, startTs, stop, until } from "../tests/processes.ts";
import { benchTmpRoot, fillSessions, fillSessionsPostgres, freshDatabase, freshPostgresDatabase } from "./fixtures.ts";
import { measure } from "./load.ts";

export type Database = "sqlite" | "postgresql";
export type Stack = "app" | "baseline";
export type Figure = {
  database: Database;
  procedure: string;
  connections: number;
  stack: Stack;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
};
export type HttpResult = { sessions: number; figures: Figure[]; coldStartMs: number };

const PASSWORD = "bench password that is long enough";

/**
 * A server process as deployed (production), with the minute's jobs out of the way (they
 * would change the rows the raw baseline reads too); its errors are shown.
 */
export function startBenchServer(file: string, env: Record<string, string>) {
  const server = startTs(file, {
    NODE_ENV: "production",
    CANCEL_CRON: "0 0 1 1 *",
    REMINDER_CRON: "0 0 1 1 *",
    LAST_CALL_MINUTES: "0",
    MAIL_DIR: join(benchTmpRoot, "mail"),
    HOST: "127.0.0.1",
    ...env,
  });
  server.stdout?.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (/"level":(50|60)/.test(line)) console.error(line);
  });
  return server;
}

/** Waits until the server on `port` answers /healthz. */
export async function healthy(port: number) {
  await until(
    () =>
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      ),
    "the server to answer /healthz",
    60_000,
    20,
  );
}

/** Users with API tokens and passwords, and one open session with room for all of them. */
async function seedPeople(url: string, count: number, now: Date) {
  const db = createDb(url);
  const passwordHash = await hashPassword(PASSWORD);
  const people: { email: string; token: string }[] = [];
  for (let i = 0; i < count; i++) {
    const email = `bench${i}@bench.test`;
    const user = await db.user.create({ data: { email, displayName: `Bench ${i}`, passwordHash } });
    const token = `qrm_bench_${i}_${"x".repeat(20)}`;
    await db.apiToken.create({
      data: { userId: user.id, name: "bench", tokenHash: sha256(token), prefix: token.slice(0, 10) },
    });
    people.push({ email, token });
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
  return { people, sessionId: table.id };
}

const encode = (input: unknown) => encodeURIComponent(JSON.stringify(transformer.input.serialize(input)));

/** The first page of 20 upcoming sessions, the query the home screen makes. */
export const upcomingPage = (now: Date) =>
  `session.list?input=${encode({ limit: 20, from: now, status: ["scheduled", "active", "paused"] })}`;

/** Requests per second from `clients` loops each running `step` until the time is up. */
async function loops(clients: number, seconds: number, step: (client: number) => Promise<number>) {
  let ops = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (Date.now() < until) {
        const done = await step(client); // not `ops += await …`: that adds to a stale total
        ops += done;
      }
    }),
  );
  return Math.round(ops / seconds);
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(transformer.input.serialize(body)),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}

export async function benchHttp(options: { sessions: number; seconds: number }): Promise<HttpResult> {
  const figures: Figure[] = [];
  const now = new Date();
  const sqlite = freshDatabase("http");
  try {
    fillSessions(sqlite.file, { sessions: options.sessions, due: 0, now });
    figures.push(...(await benchDatabase("sqlite", sqlite.url, now, options.seconds)));
  } finally {
    sqlite.dispose();
  }
  const postgres = await freshPostgresDatabase("http");
  let coldStartMs = 0;
  try {
    await fillSessionsPostgres(postgres.url, { sessions: options.sessions, now });
    figures.push(...(await benchDatabase("postgresql", postgres.url, now, options.seconds)));
  } finally {
    await postgres.dispose();
  }
  // Cold start: process start to /healthz answering, on a SQLite file of 100k sessions.
  const cold = freshDatabase("cold");
  try {
    fillSessions(cold.file, { sessions: options.sessions, due: 0, now });
    const port = await freePort();
    const started = performance.now();
    const server = startBenchServer("src/main.ts", { DATABASE_URL: cold.url, PORT: String(port) });
    try {
      await healthy(port);
      coldStartMs = Math.round(performance.now() - started);
    } finally {
      await stop(server);
    }
  } finally {
    cold.dispose();
  }
  return { sessions: options.sessions, figures, coldStartMs };
}

async function benchDatabase(database: Database, url: string, now: Date, seconds: number): Promise<Figure[]> {
  const { people, sessionId } = await seedPeople(url, 16, now);
  const [appPort, rawPort] = [await freePort(), await freePort()];
  const env = { DATABASE_URL: url, WEB_CONCURRENCY: "1" };
  const app = startBenchServer("src/main.ts", { ...env, PORT: String(appPort) });
  const raw = startTs("bench/servers/raw-baseline.ts", { ...env, PORT: String(rawPort) });
  const figures: Figure[] = [];
  try {
    await Promise.all([healthy(appPort), printed(raw, "ready")]);
    const base: Record<Stack, string> = {
      app: `http://127.0.0.1:${appPort}/trpc`,
      baseline: `http://127.0.0.1:${rawPort}`,
    };
    const headers = { authorization: `Bearer ${people[0]?.token}` };
    const reads = {
      "session.list": upcomingPage(now),
      "session.byId": `session.byId?input=${encode({ sessionId: "s500" })}`,
    };
    for (const [procedure, path] of Object.entries(reads)) {
      await sameAnswers(`${base.app}/${path}`, `${base.baseline}/${path}`, headers);
      for (const connections of procedure === "session.list" ? [1, 16, 64] : [16]) {
        for (const stack of ["baseline", "app"] as const) {
          const target = { url: `${base[stack]}/${path}`, connections, headers };
          figures.push({ database, procedure, connections, stack, ...(await measure(target, seconds)) });
        }
      }
    }
    // Writes: each client joins then leaves the same session, over and over.
    for (const stack of ["baseline", "app"] as const) {
      const rps = await loops(people.length, seconds, async (client) => {
        const auth = { authorization: `Bearer ${people[client]?.token}` };
        await post(`${base[stack]}/participant.join`, { sessionId }, auth);
        await post(`${base[stack]}/participant.leave`, { sessionId }, auth);
        return 2;
      });
      figures.push({ database, procedure: "participant.join + leave", connections: 16, stack, rps, ...noLatency });
    }
    // Sign-in: Argon2 verifies dominate both.
    for (const stack of ["baseline", "app"] as const) {
      const rps = await loops(people.length, seconds, async (client) => {
        await post(`${base[stack]}/auth.signIn`, { email: people[client]?.email, password: PASSWORD });
        return 1;
      });
      figures.push({ database, procedure: "auth.signIn", connections: 16, stack, rps, ...noLatency });
    }
    return figures;
  } finally {
    await Promise.all([stop(app), stop(raw)]);
    await pause(100);
  }
}

const noLatency = { p50Ms: 0, p99Ms: 0, errors: 0 };

/** The baseline must answer what the app answers, or its figures mean nothing. */
async function sameAnswers(appUrl: string, rawUrl: string, headers: Record<string, string>) {
  const [app, raw] = await Promise.all(
    [appUrl, rawUrl].map(async (url) => {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
      return replyData(await response.text());
    }),
  );
  if (!isDeepStrictEqual(app, raw)) {
    throw new Error(`The baseline answers differently:\napp ${JSON.stringify(app)}\nraw ${JSON.stringify(raw)}`);
  }
}

/** The app's throughput as a share of the baseline's, for one figure. */
export function shareOfBaseline(figures: Figure[], database: Database, procedure: string, connections: number) {
  const rps = (stack: Stack) =>
    figures.find(
      (f) => f.database === database && f.procedure === procedure && f.connections === connections && f.stack === stack,
    )?.rps ?? 0;
  return Math.round((rps("app") / Math.max(1, rps("baseline"))) * 100) / 100;
}
