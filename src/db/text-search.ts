// Text search over sessions, one interface on both databases: SQLite's FTS5 index
// (SessionSearch, kept by triggers) and PostgreSQL's GIN indexes over stored 'simple'
// tsvectors, one per scope (the session_search and search_columns migrations). Words
// are matched by prefix, all of them required, without case; each database's index
// decides where a word starts (SQLite also ignores accents; PostgreSQL's 'simple'
// configuration does not).
import { type Expression, type SqlBool, sql } from "kysely";
import type { Provider } from "./provider.ts";
import type { Reads } from "./reads.ts";

/** Where the words are looked for: the title, the title with system and tags, or everything. */
export type SearchScope = "title" | "about" | "everything";

export type TextSearch = {
  /** Every word of `words` (already split, lowercase) appears in the session's `scope`. */
  matches(words: string[], scope: SearchScope): Expression<SqlBool>;
  /** The session has this tag (as stored: "one-shot"). */
  hasTag(tag: string): Expression<SqlBool>;
  /** The session's game system is this one, whatever the case. */
  hasSystem(system: string): Expression<SqlBool>;
  /**
   * Up to `limit` ids of sessions (of any visibility or date) whose `scope` holds the
   * words: read straight off the index, so it costs little however common they are.
   * It tells a search which way to go (src/sessions/search.ts).
   */
  firstMatches(reads: Reads, words: string[], scope: SearchScope, limit: number): Promise<string[]>;
};

/** The words of a text, as both indexes split them: letters and digits, lowercase. */
const tokens = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** The words of a query: each once, at most 8. */
export const searchWords = (query: string): string[] => [...new Set(tokens(query))].slice(0, 8);

export function textSearchFor(provider: Provider): TextSearch {
  return provider === "postgresql" ? postgresSearch : sqliteSearch;
}

// --- SQLite: FTS5 ----------------------------------------------------------------

const FTS_COLUMNS: Record<SearchScope, string> = {
  title: "{title} : ",
  about: "{title about} : ",
  everything: "",
};

/** An FTS5 query: each word quoted (so no word is read as an operator) and matched by prefix. */
const ftsQuery = (words: string[], scope: SearchScope) =>
  `${FTS_COLUMNS[scope]}(${words.map((word) => `"${word}"*`).join(" AND ")})`;

const ftsIds = (query: string) =>
  sql`(SELECT k."sessionId" FROM "SessionSearch" f JOIN "SessionSearchKey" k ON k."key" = f.rowid WHERE "SessionSearch" MATCH ${query})`;

const inFts = (query: string) => sql<SqlBool>`s."id" IN ${ftsIds(query)}`;

/**
 * The same test, but never the way in: a search for common words walks the sessions in
 * start order and looks each up in the matches (SQLite's "+" keeps the planner from
 * starting at the tens of thousands of matches and sorting them all: 38 ms -> 13 ms).
 */
const amongFts = (query: string) => sql<SqlBool>`+s."id" IN ${ftsIds(query)}`;

/** The index narrows to sessions whose system or tags hold these words in this order; `exact` keeps the right ones. */
const aboutPhrase = (text: string, exact: Expression<SqlBool>) => {
  const words = tokens(text);
  return words.length > 0 ? sql<SqlBool>`(${inFts(`{about} : "${words.join(" ")}"`)} AND ${exact})` : exact;
};

const sqliteSearch: TextSearch = {
  matches: (words, scope) => amongFts(ftsQuery(words, scope)),
  firstMatches: async (reads, words, scope, limit) => {
    const { rows } = await sql<{ id: string }>`SELECT k."sessionId" AS "id" FROM "SessionSearch" f
      JOIN "SessionSearchKey" k ON k."key" = f.rowid WHERE "SessionSearch" MATCH ${ftsQuery(words, scope)}
      LIMIT ${limit}`.execute(reads);
    return rows.map((row) => row.id);
  },
  // Not "one-shot" for "shot": the whole tag, between the commas of the stored list.
  hasTag: (tag) => aboutPhrase(tag, sql<SqlBool>`',' || s."tags" || ',' LIKE ${`%,${tag},%`}`),
  hasSystem: (system) => aboutPhrase(system, sql<SqlBool>`lower(s."gameSystem") = ${system.toLowerCase()}`),
};

// --- PostgreSQL: a stored tsvector per scope, each with a GIN index -----------------

/** The column holding each scope's words (the search_columns migration). */
const COLUMNS: Record<SearchScope, string> = { title: "searchTitle", about: "searchAbout", everything: "searchAll" };

const tsQuery = (words: string[]) => words.map((word) => `${word}:*`).join(" & ");

const postgresMatch = (words: string[], scope: SearchScope) =>
  sql<SqlBool>`${sql.ref(`s.${COLUMNS[scope]}`)} @@ to_tsquery('simple'::regconfig, ${tsQuery(words)})`;

const postgresSearch: TextSearch = {
  matches: postgresMatch,
  firstMatches: async (reads, words, scope, limit) => {
    const { rows } = await sql<{ id: string }>`SELECT s."id" FROM "GameSession" s
      WHERE ${postgresMatch(words, scope)} LIMIT ${limit}`.execute(reads);
    return rows.map((row) => row.id);
  },
  hasTag: (tag) => sql<SqlBool>`string_to_array(s."tags", ',') @> ARRAY[${tag}]::text[]`,
  hasSystem: (system) => sql<SqlBool>`lower(s."gameSystem") = ${system.toLowerCase()}`,
};
