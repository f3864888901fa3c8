// What moved when a GM changes a session's time or venue, as lines a person reads.
// Shared by the server (the notice's text, in UTC) and the web client (the same lines
// in the reader's zone, from the notice's data): no dependencies, the client bundles it.
export type Schedule = { startsAt: Date; endsAt: Date | null; venue: { id?: string; name: string } | null };

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** "Starts: … (was …)." and the like; empty when nothing one plans around changed. */
export function scheduleChangeLines(before: Schedule, after: Schedule, at: (date: Date) => string): string[] {
  const lines: string[] = [];
  if (!sameTime(before.startsAt, after.startsAt))
    lines.push(`Starts: ${at(after.startsAt)} (was ${at(before.startsAt)}).`);
  if (!sameTime(before.endsAt, after.endsAt)) {
    lines.push(
      after.endsAt
        ? `Ends: ${at(after.endsAt)}${before.endsAt ? ` (was ${at(before.endsAt)})` : ""}.`
        : "No set end any more.",
    );
  }
  if ((before.venue?.name ?? null) !== (after.venue?.name ?? null)) {
    lines.push(`Venue: ${after.venue?.name ?? "none yet"} (was ${before.venue?.name ?? "none"}).`);
  }
  return lines;
}

/** Whether the time moved (else only the venue did). */
export const timeMoved = (before: Schedule, after: Schedule) =>
  !sameTime(before.startsAt, after.startsAt) || !sameTime(before.endsAt, after.endsAt);
