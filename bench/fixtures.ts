// Bench databases: migrated SQLite files in a temp folder (never the dev database),
// filled in bulk with better-sqlite3, in the exact formats Prisma writes; and
// PostgreSQL databases of their own, filled with the same rows in set-based SQL.
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { migrate, migrationsDirs } from "../src/db/migrate.ts";
import { migrateSqlite } from "../src/db/migrate-sqlite.ts";
import { sqliteDateText } from "../src/db/reads.ts";

export const benchTmpRoot = join(tmpdir(), "quorum-bench");

export function freshDatabase(name: string): { url: string; file: string; dispose: () => void } {
  mkdirSync(benchTmpRoot, { recursive: true });
  const dir = mkdtempSync(join(benchTmpRoot, `${name}-`));
  const file = join(dir, "bench.db");
  migrateSqlite(`file:${file}`, migrationsDirs.sqlite);
  return { url: `file:${file}`, file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

type Fill = {
  sessions: number;
  /** Scheduled, under-filled, starting within the cutoff of `now`. */
  due: number;
  now: Date;
  hosts?: number;
};

/**
 * Fills a database with `sessions` game sessions: `due` of them under-filled and due for
 * the sweep, the rest spread a year either side of `now` (past ones completed or
 * cancelled, future ones scheduled and safely before their deadlines).
 */
export function fillSessions(file: string, { sessions, due, now, hosts = 1_000 }: Fill): void {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF"); // bulk load only; the bench itself runs with the app's settings
  const stamp = sqliteDateText(now);
  const insertUser = db.prepare(
    `INSERT INTO "User" (id, email, displayName, passwordHash, role, createdAt, updatedAt)
     VALUES (?, ?, ?, 'bench', 'user', ?, ?)`,
  );
  const insertSession = db.prepare(
    `INSERT INTO "GameSession" (id, title, hostId, startsAt, minPlayers, maxPlayers, status, joinCode, playerCount, version, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, 6, ?, ?, ?, 1, ?, ?)`,
  );
  const insertMaster = db.prepare(
    `INSERT INTO "Participant" (id, gameSessionId, userId, role, status, joinOrder, joinedAt)
     VALUES (?, ?, ?, 'master', 'joined', 0, ?)`,
  );
  const hour = 3_600_000;
  db.transaction(() => {
    for (let h = 0; h < hosts; h++) insertUser.run(`host${h}`, `host${h}@bench.test`, `Host ${h}`, stamp, stamp);
    for (let i = 0; i < sessions; i++) {
      const id = `s${i}`;
      const host = `host${i % hosts}`;
      const code = `C${i.toString(36).toUpperCase().padStart(9, "0")}`;
      if (i < due) {
        insertSession.run(
          id,
          `Due ${i}`,
          host,
          sqliteDateText(new Date(now.getTime() + 10 * 60_000)),
          3,
          "scheduled",
          code,
          1,
          stamp,
          stamp,
        );
        insertMaster.run(`m${i}`, id, host, stamp);
        continue;
      }
      // Spread over two years around now, never within 2 hours ahead (not due).
      const offset = ((i * 7919) % (2 * 365 * 24)) - 365 * 24;
      const startsAt = new Date(now.getTime() + (offset >= 0 ? offset + 2 : offset) * hour);
      const past = startsAt < now;
      const status = past ? (i % 5 === 0 ? "cancelled" : "completed") : "scheduled";
      insertSession.run(
        id,
        `Session ${i}`,
        host,
        sqliteDateText(startsAt),
        2,
        status,
        code,
        past ? 4 : i % 4,
        stamp,
        stamp,
      );
    }
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  // The load skipped fsync: flush it now, or the first commit a bench measures waits
  // for the whole file to reach the disk (seen as a 0.5 s stall in the list's p99).
  const fd = openSync(file, "r+");
  fsyncSync(fd);
  closeSync(fd);
}

/** The PostgreSQL server bench databases are created on (the local one by default). */
export const benchPostgresUrl = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** A migrated PostgreSQL database of its own, dropped by `dispose`. */
export async function freshPostgresDatabase(name: string): Promise<{ url: string; dispose: () => Promise<void> }> {
  const database = `quorum_bench_${name.replace(/\W/g, "_")}_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: benchPostgresUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${database}"`);
  const url = new URL(benchPostgresUrl);
  url.pathname = `/${database}`;
  await migrate(url.toString());
  return { url: url.toString(), dispose: () => admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`) };
}

/** fillSessions for PostgreSQL, in set-based SQL: the same rows, the same spread (no due sessions). */
export async function fillSessionsPostgres(url: string, { sessions, now, hosts = 1_000 }: Omit<Fill, "due">) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const hoursAYear = 365 * 24;
    await client.query(
      `INSERT INTO "User" (id, email, "displayName", "passwordHash", role, "createdAt", "updatedAt")
       SELECT 'host' || h, 'host' || h || '@bench.test', 'Host ' || h, 'bench', 'user', $1, $1
       FROM generate_series(0, $2 - 1) AS h`,
      [now.toISOString(), hosts],
    );
    await client.query(
      `INSERT INTO "GameSession" (id, title, "hostId", "startsAt", "minPlayers", "maxPlayers", status, "joinCode",
         "playerCount", version, "createdAt", "updatedAt")
       SELECT 's' || i, 'Session ' || i, 'host' || (i % $2), starts, 2, 6,
         (CASE WHEN starts >= $1 THEN 'scheduled' WHEN i % 5 = 0 THEN 'cancelled' ELSE 'completed' END)::"GameSessionStatus",
         'C' || lpad(upper(to_hex(i)), 9, '0'), CASE WHEN starts < $1 THEN 4 ELSE i % 4 END, 1, $1, $1
       FROM (
         SELECT i, $1::timestamp + make_interval(hours => (CASE WHEN o >= 0 THEN o + 2 ELSE o END)::int) AS starts
         FROM (SELECT i, ((i::bigint * 7919) % (2 * $4)) - $4 AS o FROM generate_series(0, $3 - 1) AS i) AS spread
       ) AS placed`,
      [now.toISOString(), hosts, sessions, hoursAYear],
    );
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}
