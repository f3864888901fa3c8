// Whether a failure means "the database is busy, try again": lock timeouts, deadlocks
// and write conflicts, as each database and Prisma report them. Nothing was written.
import { Prisma } from "../generated/prisma/client.ts";

/** Prisma's own: timed out waiting (P1008), transaction gone or timed out (P2028), write conflict or deadlock (P2034). */
const PRISMA_BUSY = new Set(["P1008", "P2028", "P2034"]);
/** PostgreSQL's: serialization failure, deadlock, lock not available, too many connections. */
const POSTGRES_BUSY = new Set(["40001", "40P01", "55P03", "53300"]);
/** SQLite's lock codes (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED…): another process holds the database. */
const SQLITE_BUSY = /^SQLITE_(BUSY|LOCKED)/;

export function isDatabaseBusy(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    return PRISMA_BUSY.has(error.code) || SQLITE_BUSY.test(error.code);
  }
  // Inside an interactive transaction the driver's error arrives as it is.
  if (error instanceof Error && error.name === "DriverAdapterError") {
    const cause = error.cause as { kind?: string; code?: string; originalCode?: string } | undefined;
    const code = String(cause?.originalCode ?? cause?.code ?? "");
    return cause?.kind === "TransactionWriteConflict" || POSTGRES_BUSY.has(code) || SQLITE_BUSY.test(code);
  }
  return false;
}
