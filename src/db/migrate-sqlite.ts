// SQLite's migration runner (see migrate.ts): one IMMEDIATE transaction, so a second
// process starting at the same moment waits for the write lock, then finds nothing
// left to do.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { pendingMigrations } from "./migration-files.ts";

export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}

export function migrateSqlite(databaseUrl: string, dir: string): string[] {
  const file = sqliteFilePath(databaseUrl);
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file, { timeout: 10_000 });
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
    )`);
    // Table rebuilds (Prisma's "RedefineTables") drop and recreate tables: with
    // foreign keys on, the drop would cascade-delete the rows that point at them.
    // The pragma is ignored inside a transaction, so it is set around it.
    sqlite.pragma("foreign_keys = OFF");
    const applied = sqlite
      .transaction(() => {
        const done = sqlite
          .prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`)
          .pluck()
          .all() as string[];
        const pending = pendingMigrations(dir, done);
        for (const { name, sql, checksum } of pending) {
          sqlite.exec(sql);
          sqlite
            .prepare(
              `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
               VALUES (?, ?, current_timestamp, ?, 1)`,
            )
            .run(randomUUID(), checksum, name);
        }
        const broken = sqlite.pragma("foreign_key_check") as unknown[];
        if (broken.length > 0) throw new Error(`Migrations left broken foreign keys: ${JSON.stringify(broken)}`);
        return pending.map((migration) => migration.name);
      })
      .immediate();
    sqlite.pragma("foreign_keys = ON");
    return applied;
  } finally {
    sqlite.close();
  }
}
