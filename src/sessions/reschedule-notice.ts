// What participants are told when the GM moves a session: its start, end or venue.
// The text names the times in UTC (a notification is written once, for readers in any
// zone); `data` carries the instants, which the web client shows in the reader's zone.
import type { NewNotification } from "../notifications/store.ts";

export type Schedule = { startsAt: Date; endsAt: Date | null; venue: { id: string; name: string } | null };

const utc = (date: Date) =>
  `${date.toLocaleString("en-GB", {
    timeZone: "UTC",
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  })} UTC`;

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** The notice for each of `userIds`, or none when nothing they would plan around changed. */
export function rescheduleNotices(
  session: { id: string; title: string },
  before: Schedule,
  after: Schedule,
  userIds: string[],
): NewNotification[] {
  const lines: string[] = [];
  if (!sameTime(before.startsAt, after.startsAt)) {
    lines.push(`Starts: ${utc(after.startsAt)} (was ${utc(before.startsAt)}).`);
  }
  if (!sameTime(before.endsAt, after.endsAt)) {
    lines.push(
      after.endsAt
        ? `Ends: ${utc(after.endsAt)}${before.endsAt ? ` (was ${utc(before.endsAt)})` : ""}.`
        : "No set end any more.",
    );
  }
  if ((before.venue?.id ?? null) !== (after.venue?.id ?? null)) {
    lines.push(`Venue: ${after.venue?.name ?? "none yet"} (was ${before.venue?.name ?? "none"}).`);
  }
  if (lines.length === 0) return [];
  const moved = !sameTime(before.startsAt, after.startsAt) || !sameTime(before.endsAt, after.endsAt);
  const title = moved ? `"${session.title}" has a new time.` : `"${session.title}" has a new venue.`;
  const data = {
    before: {
      startsAt: before.startsAt.toISOString(),
      endsAt: before.endsAt?.toISOString() ?? null,
      venue: before.venue,
    },
    after: { startsAt: after.startsAt.toISOString(), endsAt: after.endsAt?.toISOString() ?? null, venue: after.venue },
  };
  return userIds.map((userId) => ({
    userId,
    type: "session_updated",
    gameSessionId: session.id,
    title,
    body: lines.join(" "),
    data,
  }));
}
