// PostgreSQL's migration runner (see migrate.ts). It holds the advisory lock Prisma's
// own `migrate deploy` takes, so any number of processes (and the Prisma CLI) can
// start at once: one applies, the others wait, then find nothing left to do.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { pendingMigrations } from "./migration-files.ts";

const PRISMA_MIGRATE_LOCK = 72707369;

export async function migratePostgres(databaseUrl: string, dir: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    // Prisma's own definition, so `prisma migrate status` reads what we write.
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const done = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
    );
    const pending = pendingMigrations(
      dir,
      done.rows.map((row) => row.migration_name),
    );
    for (const { name, sql, checksum } of pending) {
      // Each migration and its record commit together, or neither does.
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    return pending.map((migration) => migration.name);
  } finally {
    // Ending the connection also releases the advisory lock.
    await client.end();
  }
}
