// The calendar of a user's upcoming sessions: as a document the API returns, and as a
// secret feed URL calendar apps subscribe to (only its SHA-256 is stored).
import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { sha256 } from "../auth/lucia.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { waitlistPosition } from "../participants/seats.ts";
import { buildCalendar, type CalendarSession } from "./ical.ts";

const FEED_PATH = "/calendar/";
const HORIZON_DAYS = 365;

const calendarSessionView = (userId: string) =>
  ({
    id: true,
    title: true,
    description: true,
    status: true,
    version: true,
    startsAt: true,
    endsAt: true,
    venue: { select: { name: true, address: true, onlineUrl: true } },
    host: { select: { displayName: true } },
    participants: { where: { userId }, select: { status: true, joinOrder: true } },
  }) as const;

type CalendarRow = Prisma.GameSessionGetPayload<{ select: ReturnType<typeof calendarSessionView> }>;

/** A row as the calendar writes it, with the reader's place (and waitlist number) in it. */
async function withPlace(db: Db, row: CalendarRow): Promise<CalendarSession> {
  const { participants, ...session } = row;
  const mine = participants[0];
  const place = mine
    ? { status: mine.status, waitlistPosition: await waitlistPosition(db, { ...mine, gameSessionId: row.id }) }
    : null;
  return { ...session, place };
}

/** Sessions the user hosts or has a seat or waitlist place in, from a day ago on. */
async function upcomingFor(db: Db, userId: string, now: Date) {
  const rows = await db.gameSession.findMany({
    where: {
      startsAt: { gte: new Date(now.getTime() - 86_400_000), lt: new Date(now.getTime() + HORIZON_DAYS * 86_400_000) },
      status: { in: ["scheduled", "active", "paused", "cancelled"] },
      OR: [{ hostId: userId }, { participants: { some: { userId, status: { in: ["joined", "waitlisted"] } } } }],
    },
    orderBy: { startsAt: "asc" },
    take: 500,
    select: calendarSessionView(userId),
  });
  return Promise.all(rows.map((row) => withPlace(db, row)));
}

export async function calendarFor(db: Db, config: Pick<Config, "PUBLIC_URL">, userId: string, now: Date) {
  return buildCalendar(await upcomingFor(db, userId, now), config.PUBLIC_URL, now);
}

/** One session as a calendar file, to add by hand ("Add to calendar"); anyone signed in may. */
export async function calendarForSession(
  db: Db,
  config: Pick<Config, "PUBLIC_URL">,
  userId: string,
  sessionId: string,
  now: Date,
) {
  const row = await db.gameSession.findUnique({ where: { id: sessionId }, select: calendarSessionView(userId) });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such session." });
  return {
    filename: `${
      row.title
        .replace(/[^\w -]+/g, "")
        .trim()
        .slice(0, 60) || "session"
    }.ics`,
    ics: buildCalendar([await withPlace(db, row)], config.PUBLIC_URL, now, row.title),
  };
}

/** Whether the user has a feed URL (its secret is never shown again). */
export async function calendarFeedActive(db: Db, userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { calendarFeedHash: true } });
  return Boolean(user?.calendarFeedHash);
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
