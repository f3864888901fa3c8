// Finding a game at 100k public sessions still to come, on each database: the search
// function itself (src/sessions/search.ts) over a corpus with a realistic spread of
// words (descriptions drawn from a Zipf distribution, so a few words are everywhere
// and most are rare), for a fixed mix of queries. Goal: p95 under 50 ms.

import Database from "better-sqlite3";
import pg from "pg";
import { createDb, type Db } from "../src/db/client.ts";
import { sqliteDateText } from "../src/db/reads.ts";
import { SessionSearchInput } from "../src/sessions/inputs.ts";
import { searchPublicSessions } from "../src/sessions/search.ts";
import { freshDatabase, freshPostgresDatabase } from "./fixtures.ts";

export type SearchFigure = {
  database: "sqlite" | "postgresql";
  query: string;
  /** How many sessions match in all (every page). */
  matches: number;
  p50Ms: number;
  p95Ms: number;
};
export type SearchResult = { sessions: number; figures: SearchFigure[]; p95Ms: Record<string, number> };

const NOW = new Date("2026-06-01T18:00:00Z");
const ROUNDS = 30;
const SYSTEMS = [
  "D&D 5e",
  "Pathfinder 2e",
  "Call of Cthulhu 7e",
  "Blades in the Dark",
  "Mothership",
  "Vampire V5",
  "Dungeon World",
  "Mörk Borg",
  "Fate Core",
  "Savage Worlds",
  "Shadowrun 6e",
  "Starfinder",
  "Cyberpunk RED",
  "Alien RPG",
  "Delta Green",
  "Monster of the Week",
  "Masks",
  "Lancer",
  "Traveller",
  "OSE",
];
const TAGS = [
  "horror",
  "one-shot",
  "campaign",
  "beginner-friendly",
  "sandbox",
  "heist",
  "investigation",
  "combat",
  "roleplay-heavy",
  "comedy",
  "gothic",
  "space",
  "cyberpunk",
  "mystery",
  "dungeon-crawl",
  "political",
  "survival",
  "west-marches",
  "lgbtq-friendly",
  "kids",
  "pulp",
  "noir",
  "hexcrawl",
  "mecha",
  "romance",
  "war",
  "exploration",
  "intrigue",
  "low-magic",
  "high-magic",
];
const LANGUAGES = ["en", "en-GB", "fr", "de", "es", "it", "pt-BR", "nl", "pl", "ja"];

/** A deterministic pseudo-random sequence, so every run searches the same corpus. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Word-like tokens ("varokin"): 5,000 of them, ranked by frequency. */
function vocabulary(size: number): string[] {
  const syllables = [
    "ka",
    "ro",
    "lin",
    "va",
    "mor",
    "th",
    "el",
    "dra",
    "gon",
    "sil",
    "ver",
    "ash",
    "un",
    "qu",
    "ix",
    "pe",
    "tor",
    "ny",
    "ald",
    "wen",
    "bri",
    "os",
    "cal",
    "de",
    "fi",
  ];
  const words = new Set<string>();
  const next = random(7);
  while (words.size < size) {
    const length = 2 + Math.floor(next() * 3);
    words.add(Array.from({ length }, () => syllables[Math.floor(next() * syllables.length)]).join(""));
  }
  return [...words];
}

/** Draws ranks from a Zipf distribution (rank r with weight 1/r). */
function zipf(size: number, next: () => number) {
  const cumulative: number[] = [];
  let sum = 0;
  for (let r = 1; r <= size; r++) {
    sum += 1 / r;
    cumulative.push(sum);
  }
  return () => {
    const target = next() * sum;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] as number) < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

type Row = {
  id: string;
  title: string;
  description: string;
  gameSystem: string;
  tags: string;
  language: string;
  experienceLevel: string;
  online: boolean;
  startsAt: Date;
  playerCount: number;
};

function corpus(sessions: number, words: string[]): Row[] {
  const next = random(42);
  const word = zipf(words.length, next);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)] as T;
  const levels = ["newcomers", "mixed", "experienced", "veterans"];
  return Array.from({ length: sessions }, (_, i) => ({
    id: `s${i}`,
    title: Array.from({ length: 3 }, () => words[word()]).join(" "),
    description: Array.from({ length: 40 }, () => words[word()]).join(" "),
    gameSystem: pick(SYSTEMS),
    tags: [...new Set([pick(TAGS), pick(TAGS)])].join(","),
    language: pick(LANGUAGES),
    experienceLevel: pick(levels),
    online: next() < 0.4,
    // Spread over the coming year.
    startsAt: new Date(NOW.getTime() + (2 + Math.floor(next() * 365 * 24)) * 3_600_000),
    playerCount: Math.floor(next() * 7),
  }));
}

function fillSqlite(file: string, rows: Row[]) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const stamp = sqliteDateText(NOW);
  db.prepare(
    `INSERT INTO "User" (id, email, displayName, passwordHash, role, createdAt, updatedAt) VALUES ('host', 'host@bench.test', 'Host', 'bench', 'user', ?, ?)`,
  ).run(stamp, stamp);
  const insert = db.prepare(
    `INSERT INTO "GameSession" (id, title, description, gameSystem, tags, language, experienceLevel, online, visibility,
       hostId, startsAt, minPlayers, maxPlayers, status, joinCode, playerCount, version, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'public', 'host', ?, 2, 6, 'scheduled', ?, ?, 1, ?, ?)`,
  );
  db.transaction(() => {
    for (const r of rows) {
      insert.run(
        r.id,
        r.title,
        r.description,
        r.gameSystem,
        r.tags,
        r.language,
        r.experienceLevel,
        r.online ? 1 : 0,
        sqliteDateText(r.startsAt),
        `C${r.id}`,
        r.playerCount,
        stamp,
        stamp,
      );
    }
  })();
  db.exec("ANALYZE");
  db.close();
}

async function fillPostgres(url: string, rows: Row[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "User" (id, email, "displayName", "passwordHash", role, "createdAt", "updatedAt")
       VALUES ('host', 'host@bench.test', 'Host', 'bench', 'user', $1, $1)`,
      [NOW.toISOString()],
    );
    for (let start = 0; start < rows.length; start += 5_000) {
      const batch = rows.slice(start, start + 5_000);
      const column = <K extends keyof Row>(key: K) => batch.map((r) => r[key]);
      await client.query(
        `INSERT INTO "GameSession" (id, title, description, "gameSystem", tags, language, "experienceLevel", online,
           visibility, "hostId", "startsAt", "minPlayers", "maxPlayers", status, "joinCode", "playerCount", version,
           "createdAt", "updatedAt")
         SELECT id, title, description, system, tags, language, level::"ExperienceLevel", online, 'public', 'host',
           starts, 2, 6, 'scheduled', 'C' || id, players, 1, $10, $10
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
           $8::boolean[], $9::timestamp[], $11::int[])
           AS t(id, title, description, system, tags, language, level, online, starts, players)`,
        [
          column("id"),
          column("title"),
          column("description"),
          column("gameSystem"),
          column("tags"),
          column("language"),
          column("experienceLevel"),
          column("online"),
          batch.map((r) => r.startsAt.toISOString()),
          NOW.toISOString(),
          column("playerCount"),
        ],
      );
    }
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

/** The queries: words from the top, middle and tail of the vocabulary, prefixes, filters. */
function queries(words: string[]): [string, Record<string, unknown>][] {
  const [common, , , , , , , , , , tenth] = words as string[];
  const middle = words[200] as string;
  const rare = words[3_000] as string;
  return [
    [`very common word ("${common}")`, { q: common }],
    [`common word ("${tenth}")`, { q: tenth }],
    [`middling word ("${middle}")`, { q: middle }],
    [`rare word ("${rare}")`, { q: rare }],
    ["two words", { q: `${tenth} ${middle}` }],
    [`prefix ("${middle.slice(0, 4)}")`, { q: middle.slice(0, 4) }],
    ["system name", { q: "cthulhu" }],
    ["system filter", { gameSystem: "Blades in the Dark" }],
    ["tag filter", { tag: "horror" }],
    ["word + filters", { q: tenth, language: "fr", online: true, openSeats: true }],
    ["no words, next month", { from: NOW, to: new Date(NOW.getTime() + 30 * 86_400_000) }],
  ];
}

async function measure(db: Db, database: SearchFigure["database"], words: string[]): Promise<SearchFigure[]> {
  const figures: SearchFigure[] = [];
  for (const [query, raw] of queries(words)) {
    const input = SessionSearchInput.parse(raw);
    const times: number[] = [];
    let matches = 0;
    for (let round = 0; round < ROUNDS + 3; round++) {
      const started = performance.now();
      const page = await searchPublicSessions(db, null, input, NOW, 60);
      // Every other round also fetches the second page, as a reader scrolling would.
      if (round % 2 === 1 && page.nextCursor) {
        await searchPublicSessions(db, null, { ...input, cursor: page.nextCursor }, NOW, 60);
      }
      if (round >= 3) times.push(performance.now() - started);
      if (round === 0) matches = await countMatches(db, input);
    }
    times.sort((a, b) => a - b);
    const at = (share: number) => Math.round((times[Math.floor(share * (times.length - 1))] as number) * 10) / 10;
    figures.push({ database, query, matches, p50Ms: at(0.5), p95Ms: at(0.95) });
  }
  return figures;
}

async function countMatches(db: Db, input: ReturnType<typeof SessionSearchInput.parse>) {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof searchPublicSessions>> = await searchPublicSessions(
      db,
      null,
      { ...input, limit: 50, cursor },
      NOW,
      60,
    );
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor && count < 100_000);
  return count;
}

export async function benchSearch(
  sessions = 100_000,
  databases: SearchFigure["database"][] = ["sqlite", "postgresql"],
): Promise<SearchResult> {
  const words = vocabulary(5_000);
  const rows = corpus(sessions, words);
  const figures: SearchFigure[] = [];
  if (databases.includes("sqlite")) await benchSqlite(rows, words, figures);
  if (databases.includes("postgresql")) await benchPostgres(rows, words, figures);
  const p95Ms: Record<string, number> = {};
  for (const database of databases) {
    p95Ms[database] = Math.max(...figures.filter((f) => f.database === database).map((f) => f.p95Ms));
  }
  return { sessions, figures, p95Ms };
}

async function benchSqlite(rows: Row[], words: string[], figures: SearchFigure[]) {
  const sqlite = freshDatabase("search");
  try {
    fillSqlite(sqlite.file, rows);
    const db = createDb(sqlite.url);
    figures.push(...(await measure(db, "sqlite", words)));
    await db.$disconnect();
  } finally {
    sqlite.dispose();
  }
}

async function benchPostgres(rows: Row[], words: string[], figures: SearchFigure[]) {
  const postgres = await freshPostgresDatabase("search");
  try {
    await fillPostgres(postgres.url, rows);
    const db = createDb(postgres.url);
    figures.push(...(await measure(db, "postgresql", words)));
    await db.$disconnect();
  } finally {
    await postgres.dispose();
  }
}
