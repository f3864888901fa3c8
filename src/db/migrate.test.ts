import { cpSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { testTmpDir } from "../../tests/setup/paths.ts";
import { onPostgresServer, postgresDatabaseUrl, testProvider } from "../../tests/setup/test-database.ts";
import { migrate, migrationsDirs } from "./migrate.ts";

const folder = (provider: keyof typeof migrationsDirs) =>
  readdirSync(migrationsDirs[provider], { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

// Table rebuilds are SQLite's way to alter a table; PostgreSQL alters in place.
describe.runIf(testProvider === "sqlite")("SQLite migrations", () => {
  const all = folder("sqlite");

  it("apply once each, in order, and keep every row through table rebuilds", async () => {
    const stage = join(testTmpDir, `migrations-${Date.now()}`);
    mkdirSync(stage, { recursive: true });
    cpSync(join(migrationsDirs.sqlite, all[0]!), join(stage, all[0]!), { recursive: true });
    const url = `file:${stage}/db.sqlite`;
    expect(await migrate(url, stage)).toEqual([all[0]]);

    const sqlite = new Database(`${stage}/db.sqlite`);
    const t = "2026-01-01T00:00:00.000+00:00";
    sqlite
      .prepare(
        `INSERT INTO "User" (id, email, displayName, passwordHash, updatedAt) VALUES ('u', 'u@x.test', 'U', 'h', ?)`,
      )
      .run(t);
    sqlite
      .prepare(
        `INSERT INTO "GameSession" (id, title, hostId, startsAt, joinCode, updatedAt) VALUES ('s', 'S', 'u', ?, 'CODE', ?)`,
      )
      .run(t, t);
    sqlite
      .prepare(
        `INSERT INTO "Participant" (id, gameSessionId, userId, role, status, joinOrder, joinedAt) VALUES ('p', 's', 'u', 'master', 'joined', 0, ?)`,
      )
      .run(t);
    sqlite.close();

    // Later migrations rebuild GameSession; the rows that point at it must survive.
    expect(await migrate(url)).toEqual(all.slice(1));
    expect(await migrate(url)).toEqual([]);
    const after = new Database(`${stage}/db.sqlite`);
    expect(after.prepare(`SELECT count(*) AS n FROM "Participant"`).get()).toEqual({ n: 1 });
    expect(
      after.prepare(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`).pluck().all(),
    ).toEqual(all);
    after.close();
  });
});

describe.runIf(testProvider === "postgresql")("PostgreSQL migrations", () => {
  it("five processes starting at once on an empty database apply each migration once", async () => {
    const name = `quorum_test_${process.pid}_empty_${Date.now()}`;
    await onPostgresServer((client) => client.query(`CREATE DATABASE "${name}"`));
    const url = postgresDatabaseUrl(name);
    try {
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => migrate(url)));
      expect(results.flat().sort()).toEqual(folder("postgresql"));
      const check = new pg.Client({ connectionString: url });
      await check.connect();
      const { rows } = await check.query(
        `SELECT migration_name, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      await check.end();
      expect(rows).toEqual(folder("postgresql").map((migration_name) => ({ migration_name, finished: true })));
    } finally {
      await onPostgresServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  });
});

describe("the two migration folders", () => {
  it("hold the same migrations, by name, for SQLite and PostgreSQL after the PostgreSQL start", () => {
    const postgres = folder("postgresql");
    // PostgreSQL support began with one migration of the whole schema as it stood.
    const sinceStart = folder("sqlite").filter((name) => name > postgres[0]!);
    expect(postgres.slice(1)).toEqual(sinceStart);
  });
});
