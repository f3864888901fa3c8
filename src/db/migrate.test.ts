import { cpSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { testTmpDir } from "../../tests/setup/paths.ts";
import { migrate, migrationsDir } from "./migrate.ts";

const all = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe("migrations", () => {
  it("apply once each, in order, and keep every row through table rebuilds", () => {
    const stage = join(testTmpDir, `migrations-${Date.now()}`);
    mkdirSync(stage, { recursive: true });
    cpSync(join(migrationsDir, all[0]!), join(stage, all[0]!), { recursive: true });
    const url = `file:${stage}/db.sqlite`;
    expect(migrate(url, stage)).toEqual([all[0]]);

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
    expect(migrate(url)).toEqual(all.slice(1));
    expect(migrate(url)).toEqual([]);
    const after = new Database(`${stage}/db.sqlite`);
    expect(after.prepare(`SELECT count(*) AS n FROM "Participant"`).get()).toEqual({ n: 1 });
    expect(
      after.prepare(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`).pluck().all(),
    ).toEqual(all);
    after.close();
  });
});
