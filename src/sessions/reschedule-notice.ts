// What participants are told when the GM moves a session: its start, end or venue.
// The text names the times in UTC (a notification is written once, for readers in any
// zone); `data` carries the instants, which the web client shows in the reader's zone.
import type { NewNotification } from "../notifications/store.ts";
import { type Schedule, scheduleChangeLines, timeMoved } from "./schedule-change.ts";

/** "Sat, 14 Mar 2026, 18:00 UTC": a time in a notice written once for readers in every zone. */
export const utcText = (date: Date) =>
  `${date.toLocaleString("en-GB", {
    timeZone: "UTC",
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  })} UTC`;

/** The notice for each of `userIds`, or none when nothing they would plan around changed. */
export function rescheduleNotices(
  session: { id: string; title: string },
  before: Schedule,
  after: Schedule,
  userIds: string[],
): NewNotification[] {
  const lines = scheduleChangeLines(before, after, utcText);
  if (lines.length === 0) return [];
  const title = timeMoved(before, after) ? `"${session.title}" has a new time.` : `"${session.title}" has a new venue.`;
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
