// A notification's text in its reader's own time zone: the server writes each notice
// once (its text in UTC) with the instants in `data`; the web client (the browser's
// zone) and emails (the profile's zone) rewrite the lines that name a time. No
// dependencies: the client bundles it.

import { plural } from "../plural.ts";
import { scheduleChangeLines } from "../sessions/schedule-change.ts";

type ScheduleData = { startsAt: string; endsAt: string | null; venue: { name: string } | null };
export type Notice = { type: string; body: string; data?: unknown };

function isSchedule(value: unknown): value is ScheduleData {
  const v = value as ScheduleData | null;
  return typeof v?.startsAt === "string" && (v.endsAt === null || typeof v.endsAt === "string");
}

const asSchedule = (data: ScheduleData) => ({
  startsAt: new Date(data.startsAt),
  endsAt: data.endsAt ? new Date(data.endsAt) : null,
  venue: data.venue,
});

/** The last call's sentence: "It needs 2 more players by 19:00, or it is cancelled." */
export function lastCallLine(missing: number, deadline: string) {
  return `It needs ${plural(missing, "more player")} by ${deadline}, or it is cancelled.`;
}

/** `at` formats an instant for the reader ("Sat 14 Mar, 19:00"). */
export function noticeBody(notice: Notice, at: (date: Date) => string): string {
  const data = notice.data as { before?: unknown; after?: unknown; missing?: unknown; deadline?: unknown } | null;
  if (notice.type === "session_updated" && isSchedule(data?.before) && isSchedule(data?.after)) {
    const lines = scheduleChangeLines(asSchedule(data.before), asSchedule(data.after), at);
    return lines.length > 0 ? lines.join(" ") : notice.body;
  }
  if (notice.type === "last_call" && typeof data?.missing === "number" && typeof data.deadline === "string") {
    return lastCallLine(data.missing, at(new Date(data.deadline)));
  }
  return notice.body;
}

/** Each notification type as its settings name it. */
export const TYPE_LABELS: Record<string, string> = {
  session_cancelled: "Cancelled sessions",
  waitlist_promoted: "Moving up from a waitlist",
  participant_added: "Being added to a session",
  participant_removed: "Being removed from a session",
  session_updated: "New times and venues",
  session_started: "Sessions starting",
  session_reminder: "Reminders before your sessions",
  last_call: "Last calls for sessions short of players",
  poll_opened: "Polls to find a date for your campaigns",
  poll_decided: "The outcome of polls you answered",
};
