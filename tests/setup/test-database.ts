// The database the suite runs on: SQLite files by default, PostgreSQL databases with
// TEST_DB=postgresql (`npm run test:pg`). Global setup migrates one template per run;
// every test app gets its own copy (a file copy, or CREATE DATABASE … TEMPLATE).
import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { providerOf } from "../../src/db/provider.ts";
import { templateDbFile, testTmpDir } from "./paths.ts";

export const testProvider = process.env.TEST_DB === "postgresql" ? "postgresql" : "sqlite";

/** The PostgreSQL server the PostgreSQL pass creates its databases on. */
export const postgresServerUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** DATABASE_URL of this run's migrated template. */
    templateDatabaseUrl: string;
  }
}

const RUN_PREFIX = "quorum_test_";

export function postgresDatabaseUrl(name: string): string {
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function onPostgresServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresServerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A name for this run's PostgreSQL databases: the process id, so a later run can tell a dead run's leftovers. */
export function runDatabasePrefix(): string {
  return `${RUN_PREFIX}${process.pid}_`;
}

/** Drops the databases of runs whose process is gone (a crashed or killed run). */
export async function dropAbandonedDatabases(client: pg.Client, prefix?: string): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    // starts_with, not LIKE: "_" in a prefix would match any character (run 12 is not run 123).
    "SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND NOT datistemplate",
    [prefix ?? RUN_PREFIX],
  );
  for (const { datname } of rows) {
    const pid = Number(datname.slice(RUN_PREFIX.length).split("_")[0]);
    if (!prefix && isAlive(pid)) continue;
    await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** An empty database for the template: returns its DATABASE_URL. */
export async function createTemplateDatabase(): Promise<string> {
  if (testProvider === "sqlite") return `file:${templateDbFile}`;
  const name = `${runDatabasePrefix()}template`;
  await onPostgresServer(async (client) => {
    await dropAbandonedDatabases(client);
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  return postgresDatabaseUrl(name);
}

/** A fresh copy of this run's migrated template: returns its DATABASE_URL. */
export async function copyTemplateDatabase(): Promise<string> {
  const template = inject("templateDatabaseUrl");
  if (providerOf(template) === "sqlite") {
    const file = `${testTmpDir}/${randomUUID()}.db`;
    copyFileSync(templateDbFile, file);
    return `file:${file}`;
  }
  const templateName = new URL(template).pathname.slice(1);
  const name = `${templateName.replace(/template$/, "")}${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await onPostgresServer((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`));
  return postgresDatabaseUrl(name);
}
