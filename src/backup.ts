// npm run backup [-- --to <file>]: a consistent copy of the SQLite database, taken while
// the server runs and writes (SQLite's online backup API, through better-sqlite3). On
// PostgreSQL, pg_dump does this job; the README shows both, and how to restore.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { Command } from "commander";
import { loadConfig } from "./config.ts";
import { sqliteFilePath } from "./db/migrate-sqlite.ts";
import { providerOf } from "./db/provider.ts";

/** Copies the live database at `databaseUrl` to `destination`, page by page, consistent as of its end. */
export async function backupSqlite(databaseUrl: string, destination: string): Promise<void> {
  const source = new Database(sqliteFilePath(databaseUrl), { fileMustExist: true, timeout: 10_000 });
  try {
    mkdirSync(dirname(destination), { recursive: true });
    await source.backup(destination);
  } finally {
    source.close();
  }
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, "-");

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = new Command("npm run backup --")
    .description("Writes a consistent copy of the SQLite database while the server runs.")
    .option("--to <file>", "where to write the copy", `backups/quorum-${stamp()}.db`)
    .parse()
    .opts<{ to: string }>();
  const { DATABASE_URL } = loadConfig();
  if (providerOf(DATABASE_URL) !== "sqlite") {
    console.error(
      "DATABASE_URL is a PostgreSQL database: back it up with pg_dump (the README shows how, under On the open internet).",
    );
    process.exit(2);
  }
  const destination = resolve(options.to);
  try {
    await backupSqlite(DATABASE_URL, destination);
    console.log(`Backed up ${sqliteFilePath(DATABASE_URL)} to ${destination}.`);
  } catch (error) {
    console.error(`The backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
