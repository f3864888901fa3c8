import type { Db } from "../db/client.ts";
import { describeRule } from "./recurrence.ts";

/** A session's series in words, with its occurrences from now on; null for a one-off session. */
export async function seriesOverview(db: Db, sessionId: string, now: Date) {
  const session = await db.gameSession.findUnique({ where: { id: sessionId }, select: { seriesId: true } });
  if (!session?.seriesId) return null;
  const series = await db.sessionSeries.findUniqueOrThrow({
    where: { id: session.seriesId },
    select: {
      id: true,
      hostId: true,
      rule: true,
      timeZone: true,
      firstStartsAt: true,
      seatMembers: true,
      endedAt: true,
      sessions: {
        where: { OR: [{ startsAt: { gte: now } }, { status: { in: ["active", "paused"] } }] },
        orderBy: { startsAt: "asc" },
        take: 12,
        select: { id: true, startsAt: true, status: true, playerCount: true, maxPlayers: true },
      },
    },
  });
  const { sessions, rule, timeZone, firstStartsAt, ...rest } = series;
  return {
    ...rest,
    description: describeRule({ rule, timeZone, firstStartsAt }),
    timeZone,
    upcoming: sessions,
  };
}
