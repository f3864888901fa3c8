// Applies prisma/migrations/*/migration.sql in order, once each, recording them in
// Prisma's own `_prisma_migrations` table so `prisma migrate status` agrees.
// Runs at start and in test setup; safe when two processes start together.
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

export const migrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}

/** Returns the names of the migrations it applied. */
export function migrate(databaseUrl: string, dir: string = migrationsDir): string[] {
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
    const pending = () => {
      const done = new Set(
        sqlite
          .prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`)
          .pluck()
          .all() as string[],
      );
      return readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !done.has(entry.name))
        .map((entry) => entry.name)
        .sort();
    };
    // Table rebuilds (Prisma's "RedefineTables") drop and recreate tables: with
    // foreign keys on, the drop would cascade-delete the rows that point at them.
    // The pragma is ignored inside a transaction, so it is set around it.
    sqlite.pragma("foreign_keys = OFF");
    // IMMEDIATE takes the write lock before reading what is pending, so a second
    // process starting at the same moment waits, then finds nothing left to do.
    const applied = sqlite
      .transaction(() => {
        const names = pending();
        for (const name of names) {
          const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
          sqlite.exec(sql);
          sqlite
            .prepare(
              `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
               VALUES (?, ?, current_timestamp, ?, 1)`,
            )
            .run(randomUUID(), createHash("sha256").update(sql).digest("hex"), name);
        }
        const broken = sqlite.pragma("foreign_key_check") as unknown[];
        if (broken.length > 0) throw new Error(`Migrations left broken foreign keys: ${JSON.stringify(broken)}`);
        return names;
      })
      .immediate();
    sqlite.pragma("foreign_keys = ON");
    return applied;
  } finally {
    sqlite.close();
  }
}
