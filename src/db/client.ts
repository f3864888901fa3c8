// Creates the one Prisma client of a process: SQLite (better-sqlite3) by default,
// PostgreSQL (node-postgres) when DATABASE_URL says postgresql://. The two generated
// clients come from one schema and have the same types; the rest of the code sees `Db`.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-pg/client.ts";
import { caseInsensitiveText } from "./case-insensitive-text.ts";
import { providerOf } from "./provider.ts";
import { createReads, type Reads } from "./reads.ts";
import { serializeQueries } from "./serialized-adapter.ts";
import { type TextSearch, textSearchFor } from "./text-search.ts";

/** Prisma, plus `$reads`: typed SQL for the hottest reads (reads.ts). */
export type Db = PrismaClient & { $reads: Reads; $textSearch: TextSearch };
/** A Prisma transaction client: what rule functions receive inside `db.$transaction`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function createDb(databaseUrl: string): Db {
  const prisma = providerOf(databaseUrl) === "postgresql" ? createPostgresDb(databaseUrl) : createSqliteDb(databaseUrl);
  const reads = createReads(databaseUrl);
  return prisma.$extends({
    client: {
      $reads: reads,
      $textSearch: textSearchFor(providerOf(databaseUrl)),
      async $disconnect() {
        await Promise.all([prisma.$disconnect(), reads.destroy()]);
      },
    },
  }) as unknown as Db;
}

function createPostgresDb(databaseUrl: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl });
  const db = new PostgresPrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 15_000 } });
  // Generated from the same models, the PostgreSQL client differs from the SQLite one
  // only in filter options SQLite lacks (`mode`), which the domain code never writes.
  return db.$extends(caseInsensitiveText) as unknown as PrismaClient;
}

function createSqliteDb(databaseUrl: string): PrismaClient {
  const adapter = serializeQueries(new PrismaBetterSqlite3({ url: databaseUrl }), (connection) =>
    connection.executeScript(
      [
        // WAL lets readers run beside the writer; synchronous=FULL makes every
        // acknowledged commit survive a crash or power cut.
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        "PRAGMA foreign_keys = ON",
        // Table statistics are kept fresh by the typed reads' connection (reads.ts).
      ].join(";\n"),
    ),
  );
  // Transactions queue for SQLite's one writer: under a burst of joins a transaction
  // may wait well past Prisma's 2 s default before it starts.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 15_000 } });
}
