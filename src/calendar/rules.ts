// The calendar of a user's upcoming sessions: as a document the API returns, and as a
// secret feed URL calendar apps subscribe to (only its SHA-256 is stored).
import { randomBytes } from "node:crypto";
import { sha256 } from "../auth/lucia.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { buildCalendar } from "./ical.ts";

const FEED_PATH = "/calendar/";
const HORIZON_DAYS = 365;

/** Sessions the user hosts or has a seat or waitlist place in, from a day ago on. */
async function upcomingFor(db: Db, userId: string, now: Date) {
  return db.gameSession.findMany({
    where: {
      startsAt: { gte: new Date(now.getTime() - 86_400_000), lt: new Date(now.getTime() + HORIZON_DAYS * 86_400_000) },
      status: { in: ["scheduled", "active", "paused", "cancelled"] },
      OR: [{ hostId: userId }, { participants: { some: { userId, status: { in: ["joined", "waitlisted"] } } } }],
    },
    orderBy: { startsAt: "asc" },
    take: 500,
    select: {
      id: true,
      title: true,
      description: true,
      status: true,
      startsAt: true,
      endsAt: true,
      venue: { select: { name: true, address: true, onlineUrl: true } },
      host: { select: { displayName: true } },
    },
  });
}

export async function calendarFor(db: Db, config: Pick<Config, "PUBLIC_URL">, userId: string, now: Date) {
  return buildCalendar(await upcomingFor(db, userId, now), config.PUBLIC_URL, now);
}

/** A new feed URL; the previous one stops working. Shown once. */
export async function rotateCalendarFeed(db: Db, config: Pick<Config, "PUBLIC_URL">, userId: string) {
  const secret = randomBytes(24).toString("base64url");
  await db.user.update({ where: { id: userId }, data: { calendarFeedHash: sha256(secret) } });
  return { url: `${config.PUBLIC_URL}${FEED_PATH}${secret}.ics` };
}

export async function revokeCalendarFeed(db: Db, userId: string) {
  await db.user.update({ where: { id: userId }, data: { calendarFeedHash: null } });
}

/** For GET /calendar/<secret>.ics: the calendar, or null when the secret is unknown. */
export async function calendarForFeedPath(db: Db, config: Pick<Config, "PUBLIC_URL">, path: string, now: Date) {
  const secret = /^\/calendar\/([\w-]{16,64})\.ics$/.exec(path)?.[1];
  if (!secret) return null;
  const user = await db.user.findUnique({ where: { calendarFeedHash: sha256(secret) }, select: { id: true } });
  return user ? calendarFor(db, config, user.id, now) : null;
}

export const isCalendarFeedPath = (path: string) => path.startsWith(FEED_PATH);
