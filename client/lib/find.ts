// Finding a game (session.search): the search as the Find a game screen keeps it in its
// address (so a search can be shared and Back works), and the queries for it and for
// the front page's games.
import { OPEN_GAMES_INPUT } from "../../src/sessions/upcoming.ts";
import { trpc } from "../trpc.ts";
import type { ExperienceLevel } from "./game-labels.ts";

/**
 * A search as the address holds it, each parameter text, "" for "any": `where` is
 * "online" or "in-person"; `from` and `to` are days (YYYY-MM-DD), `to` the last day
 * searched; `open` is "1" for sessions with a seat left.
 */
export const SEARCH_KEYS = ["q", "system", "tag", "language", "level", "where", "from", "to", "open"] as const;

export type GameSearch = Record<(typeof SEARCH_KEYS)[number], string>;

export const ANY_GAME = Object.fromEntries(SEARCH_KEYS.map((key) => [key, ""])) as GameSearch;

/** The address's search (missing or repeated parameters read as "any"). */
export function gameSearchOf(params: Partial<Record<string, string | string[]>>): GameSearch {
  const search = { ...ANY_GAME };
  for (const key of SEARCH_KEYS) {
    const value = params[key];
    if (typeof value === "string") search[key] = value;
  }
  return search;
}

const startOfDay = (day: string) => new Date(`${day}T00:00`);

/** session.search's input: the days are the viewer's own, whole days. */
export function searchInput(search: GameSearch, cursor: string | null) {
  const dayAfter = search.to ? startOfDay(search.to) : null;
  dayAfter?.setDate(dayAfter.getDate() + 1);
  return {
    q: search.q.trim() || undefined,
    gameSystem: search.system.trim() || undefined,
    tag: search.tag.trim() || undefined,
    language: search.language || undefined,
    experienceLevel: (search.level || undefined) as ExperienceLevel | undefined,
    online: search.where === "online" ? true : search.where === "in-person" ? false : undefined,
    from: search.from ? startOfDay(search.from) : undefined,
    to: dayAfter ?? undefined,
    openSeats: search.open === "1" || undefined,
    limit: 20,
    cursor,
  };
}

export function gameSearchQuery(search: GameSearch) {
  return {
    queryKey: ["session.search", search] as const,
    queryFn: ({ pageParam }: { pageParam: string | null }) => trpc.session.search.query(searchInput(search, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor,
  };
}

/** The front page's games; the server's page carries them (client/lib/first-screen.ts). */
export const openGamesKey = ["session.search", OPEN_GAMES_INPUT] as const;

export const openGamesQuery = () => ({
  queryKey: openGamesKey,
  queryFn: () => trpc.session.search.query(OPEN_GAMES_INPUT),
});
