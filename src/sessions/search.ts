// Finding a game: the public sessions still to come that match a text and filters.
// Ranking: a session whose title holds every word comes first, then one whose game
// system and tags (with the title) hold them, then one that needs its description;
// within each, the soonest first, since a game next week beats a slightly better
// match next year. Each rank is a part of one list, paged by one cursor
// (src/pagination.ts), so every result comes exactly once.
import { type Expression, type SqlBool, sql } from "kysely";
import type { z } from "zod";
import type { Db } from "../db/client.ts";
import { type SearchScope, searchWords } from "../db/text-search.ts";
import { type ListPart, pageThroughParts } from "../pagination.ts";
import type { SessionSearchInput } from "./inputs.ts";
import { afterInStartOrder, type GameSessionListItem, listItems, selectSessionViews } from "./queries.ts";
import type { Viewer } from "./visibility.ts";

/** Up to this many matches, a search starts from them rather than from the calendar. */
const FEW = 2_000;

const not = (condition: Expression<SqlBool>) => sql<SqlBool>`NOT (${condition})`;

/** Which words each rank's sessions hold, and which they must not (those are in an earlier rank). */
const RANKS: { name: string; holds: SearchScope; notIn?: SearchScope }[] = [
  { name: "title", holds: "title" },
  { name: "about", holds: "about", notIn: "title" },
  { name: "description", holds: "everything", notIn: "about" },
];

export async function searchPublicSessions(
  db: Db,
  viewer: Viewer,
  input: z.output<typeof SessionSearchInput>,
  now: Date,
  cutoffMinutes: number,
) {
  const search = db.$textSearch;
  const words = searchWords(input.q ?? "");
  const part = (name: string, textConditions: () => Promise<Expression<SqlBool>[]>): ListPart<GameSessionListItem> => ({
    name,
    fetch: async (afterId, take) => {
      const text = await textConditions();
      const rows = await selectSessionViews(db.$reads)
        .where((eb) => {
          const conditions: Expression<SqlBool>[] = [
            eb("s.visibility", "=", "public"),
            eb("s.status", "=", "scheduled"),
            eb("s.startsAt", ">", input.from && input.from > now ? input.from : now),
            ...text,
          ];
          if (input.to) conditions.push(eb("s.startsAt", "<", input.to));
          if (input.gameSystem) conditions.push(search.hasSystem(input.gameSystem));
          if (input.tag) conditions.push(search.hasTag(input.tag));
          if (input.language) {
            conditions.push(
              eb.or([eb("s.language", "=", input.language), eb("s.language", "like", `${input.language}-%`)]),
            );
          }
          if (input.experienceLevel) conditions.push(eb("s.experienceLevel", "=", input.experienceLevel));
          if (input.online !== undefined) conditions.push(eb("s.online", "=", input.online));
          if (input.openSeats) conditions.push(eb("s.playerCount", "<", eb.ref("s.maxPlayers")));
          if (afterId) conditions.push(afterInStartOrder(eb, afterId));
          return eb.and(conditions);
        })
        .orderBy("s.startsAt", "asc")
        .orderBy("s.id", "asc")
        .limit(take)
        .execute();
      // Signed in, each result says the viewer's place in it, as the sessions list does.
      return listItems(db, viewer, rows, cutoffMinutes);
    },
  });
  const parts =
    words.length === 0
      ? [part("all", async () => [])]
      : RANKS.map((rank) =>
          part(rank.name, async () => {
            const excluded = rank.notIn ? [not(search.matches(words, rank.notIn))] : [];
            // Few sessions hold the words: start from them (by id), sort them, done. Many:
            // walk the sessions in start order and test each, stopping at a page's worth.
            // Which is which is read off the index, not left to the planner's guess.
            const few = await search.firstMatches(db.$reads, words, rank.holds, FEW + 1);
            if (few.length > FEW) return [search.matches(words, rank.holds), ...excluded];
            return [few.length > 0 ? sql<SqlBool>`s."id" IN (${sql.join(few)})` : sql<SqlBool>`1 = 0`, ...excluded];
          }),
        );
  return pageThroughParts(parts, input.limit, input.cursor);
}
