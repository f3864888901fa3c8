// Applies the pending migrations of the DATABASE_URL's database, once each and in
// order, recording them in Prisma's own `_prisma_migrations` table so `prisma migrate
// status` agrees. Runs at start and in test setup; safe when several processes start
// together. SQLite and PostgreSQL each have their own folder of migrations, both
// written by `npm run db:migration`.
import { fileURLToPath } from "node:url";
import { migratePostgres } from "./migrate-postgres.ts";
import { migrateSqlite } from "./migrate-sqlite.ts";
import { type Provider, providerOf } from "./provider.ts";

export const migrationsDirs: Record<Provider, string> = {
  sqlite: fileURLToPath(new URL("../../prisma/migrations", import.meta.url)),
  postgresql: fileURLToPath(new URL("../../prisma/postgresql/migrations", import.meta.url)),
};

/** Returns the names of the migrations it applied. */
export async function migrate(databaseUrl: string, dir?: string): Promise<string[]> {
  const provider = providerOf(databaseUrl);
  return provider === "postgresql"
    ? migratePostgres(databaseUrl, dir ?? migrationsDirs.postgresql)
    : migrateSqlite(databaseUrl, dir ?? migrationsDirs.sqlite);
}
