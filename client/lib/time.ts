// Times are stored in UTC and shown in the viewer's time zone (the browser's).
const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
});
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dayAndTime = new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" });

export const formatDateTime = (date: Date) => dateTime.format(date);

/** The viewer's time zone as people read it: "Asia/Kathmandu (GMT+5:45)". */
export function viewerZone(now = new Date()): string {
  const name = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = new Intl.DateTimeFormat("en", { timeZoneName: "shortOffset" })
    .formatToParts(now)
    .find((part) => part.type === "timeZoneName")?.value;
  return offset && offset !== name ? `${name.replaceAll("_", " ")} (${offset})` : name.replaceAll("_", " ");
}

/** The hint every date-and-time input carries. */
export const zoneHint = () => `In your time zone, ${viewerZone()}.`;

/** "19:40" when `date` falls on the same local day as `day`, else the date with it. */
export function formatOnDay(date: Date, day: Date): string {
  return date.toDateString() === day.toDateString() ? timeOnly.format(date) : dateTime.format(date);
}

/** When a session really ran, in a sentence: "Played Tue 24 Nov, 18:02 to 21:15 (3 h 13 min)." */
export function playedLine(session: { startedAt: Date | null; endedAt: Date | null; durationMinutes: number | null }) {
  if (!session.startedAt) return null;
  if (!session.endedAt) return `Started ${dateTime.format(session.startedAt)}.`;
  const minutes =
    session.durationMinutes ?? Math.round((session.endedAt.getTime() - session.startedAt.getTime()) / 60_000);
  const length = minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
  return `Played ${dateTime.format(session.startedAt)} to ${formatOnDay(session.endedAt, session.startedAt)} (${length}).`;
}

/** Whether starting now needs a second thought: more than an hour before the planned start. */
export const startIsEarly = (startsAt: Date, now: Date) => startsAt.getTime() - now.getTime() > 60 * 60_000;

/** "19:00" when the deadline is the same local day as now, else "Sat 19:00". */
export function formatDeadline(deadline: Date, now: Date): string {
  return deadline.toDateString() === now.toDateString() ? timeOnly.format(deadline) : dayAndTime.format(deadline);
}

/** The under-fill warning a session shows while it is short of players, or null. */
export function playersNeededLine(
  session: { status: string; playersNeeded: number; cancelDeadline: Date },
  now: Date,
): string | null {
  if (session.status !== "scheduled" || session.playersNeeded <= 0) return null;
  const who = session.playersNeeded === 1 ? "1 more player" : `${session.playersNeeded} more players`;
  if (session.cancelDeadline <= now) return `Needs ${who}: it will be cancelled any moment now.`;
  return `Needs ${who} by ${formatDeadline(session.cancelDeadline, now)}, or it is cancelled.`;
}

/** The value a datetime-local input shows for `date`, in the viewer's zone. */
export function toLocalInput(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** A datetime-local input's value (viewer's zone) as a Date, or null when empty or invalid. */
export function fromLocalInput(value: string): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
