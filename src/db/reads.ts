// Typed SQL for the hottest reads (who is calling, the session list, one session),
// beside Prisma: Kysely builds the SQL and checks it against the tables Prisma
// generates from prisma/schema.prisma, and runs it straight on the driver. Measured
// at 100k sessions, this is what lets a list request cost a few hundred microseconds
// rather than milliseconds (bench/, issue 15). Everything else, and every write, stays
// on Prisma. These reads see committed data only, never an open transaction's.
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type {
  ApiToken,
  AuthSession,
  Campaign,
  CampaignMember,
  GameSession,
  Participant,
  Scenario,
  User,
  Venue,
} from "../generated/prisma/client.ts";
import { sqliteFilePath } from "./migrate-sqlite.ts";
import { providerOf } from "./provider.ts";

/** The tables the fast reads use, typed as Prisma types their rows. */
export type Tables = {
  ApiToken: ApiToken;
  AuthSession: AuthSession;
  Campaign: Campaign;
  CampaignMember: CampaignMember;
  GameSession: GameSession;
  Participant: Participant;
  Scenario: Scenario;
  User: User;
  Venue: Venue;
};

export type Reads = Kysely<Tables>;

export function createReads(databaseUrl: string): Reads {
  // Opened at the first read, so destroy() (on $disconnect) closes whatever was opened.
  const dialect =
    providerOf(databaseUrl) === "postgresql"
      ? new PostgresDialect({ pool: async () => postgresPool(databaseUrl) })
      : new SqliteDialect({ database: async () => sqliteReader(sqliteFilePath(databaseUrl)) });
  return new Kysely<Tables>({ dialect });
}

// A statement is prepared once and kept; the list's `IN (…)` lists have at most a
// page's worth of lengths, so the cache stays small. The cap only guards a mistake.
const MAX_CACHED_STATEMENTS = 500;

/**
 * A second SQLite connection (WAL lets it read beside Prisma's writer) that speaks
 * Prisma's storage formats: DateTime columns hold ISO text, Booleans 0 or 1.
 */
function sqliteReader(file: string) {
  const sqlite = new Database(file, { timeout: 10_000 });
  // Table statistics let SQLite pick the right index: without them, or with sampled
  // ones (a sample of the status index sees one status), the session list sorted 50k
  // rows through the status index instead of walking startsAt (40 ms against 0.3 ms at
  // 100k sessions). Whole tables, but only those never analysed or grown tenfold since:
  // about 100 ms per 100k sessions, once, at the first read.
  sqlite.pragma("optimize = 0x10002");
  const statements = new Map<string, ReturnType<typeof prepare>>();
  function prepare(sql: string) {
    const statement = sqlite.prepare(sql);
    const decoders = statement.reader
      ? statement.columns().flatMap((column) => {
          const decoder = decoderFor(column.type);
          return decoder ? [[column.name, decoder] as const] : [];
        })
      : [];
    const decode = (row: Record<string, unknown>) => {
      for (const [name, decoder] of decoders) if (row[name] != null) row[name] = decoder(row[name]);
      return row;
    };
    return {
      reader: statement.reader,
      all: (params: readonly unknown[]) =>
        (statement.all(...params.map(toSqlite)) as Record<string, unknown>[]).map(decode),
      run: (params: readonly unknown[]) => statement.run(...params.map(toSqlite)),
      iterate: (params: readonly unknown[]) => statement.iterate(...params.map(toSqlite)),
    };
  }
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
        statement = prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

function decoderFor(declaredType: string | null): ((value: unknown) => unknown) | null {
  if (declaredType === "DATETIME") return (value) => new Date(value as string);
  if (declaredType === "BOOLEAN") return (value) => value === 1;
  return null;
}

/** How Prisma stores a DateTime in SQLite: ISO text with an explicit offset. */
export const sqliteDateText = (date: Date) => date.toISOString().replace("Z", "+00:00");

function toSqlite(value: unknown): unknown {
  if (value instanceof Date) return sqliteDateText(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

// PostgreSQL: Prisma's DateTime is `timestamp(3)` without a zone, holding UTC; counts are
// bigints, which the app handles as numbers.
const TIMESTAMP = 1114;
const INT8 = 20;

function postgresPool(databaseUrl: string) {
  return new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    allowExitOnIdle: true,
    Client: PreparedUtcClient,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") => {
        if (oid === TIMESTAMP) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
        if (oid === INT8) return (text: string) => Number(text);
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
}

/**
 * Runs each statement prepared (named, so PostgreSQL parses and plans it once per
 * connection: that was half of the database's CPU on the list), and sends Dates as UTC
 * text (node-postgres would write this process's zone, which `timestamp` ignores).
 */
class PreparedUtcClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has a dozen overloads; this passes them through.
  override query(...args: any[]): any {
    const [sql, params] = args;
    if (typeof sql === "string" && Array.isArray(params) && args.length === 2) {
      const values = params.map((value) => (value instanceof Date ? value.toISOString() : value));
      return super.query({ name: statementName(sql), text: sql, values });
    }
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    return (super.query as (...a: any[]) => any)(...args);
  }
}

const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    if (statementNames.size >= MAX_CACHED_STATEMENTS) statementNames.clear();
    name = `q_${createHash("sha1").update(sql).digest("hex").slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return name;
}
