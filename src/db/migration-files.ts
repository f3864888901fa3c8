// The migrations of one folder (prisma/migrations or prisma/postgresql/migrations):
// each subfolder holds one migration.sql, applied in name order.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type Migration = { name: string; sql: string; checksum: string };

/** The migrations in `dir` that `done` does not name, oldest first. */
export function pendingMigrations(dir: string, done: Iterable<string>): Migration[] {
  const applied = new Set(done);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !applied.has(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}
