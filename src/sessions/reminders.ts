// A session's reminders: one row per offset the GM chose (default 24 hours and 1 hour
// before the start), due at startsAt - offset. The reminders job (jobs/reminders.ts)
// sends each once.
import type { Db, Tx } from "../db/client.ts";
import { plural } from "../plural.ts";

export const DEFAULT_REMINDER_MINUTES = [1_440, 60];
export const MAX_REMINDERS = 5;

/**
 * Sets the session's reminders for its (new) start. An offset already past at `now`
 * counts as done: "starts in 24 hours" two hours before the start would mislead. A
 * reminder already sent for the same moment is not sent again.
 */
export async function scheduleReminders(tx: Tx, sessionId: string, startsAt: Date, minutes: number[], now: Date) {
  const before = await tx.sessionReminder.findMany({ where: { gameSessionId: sessionId } });
  await tx.sessionReminder.deleteMany({ where: { gameSessionId: sessionId } });
  await tx.sessionReminder.createMany({
    data: [...new Set(minutes)].map((minutesBefore) => {
      const dueAt = new Date(startsAt.getTime() - minutesBefore * 60_000);
      const same = before.find((r) => r.minutesBefore === minutesBefore && r.dueAt.getTime() === dueAt.getTime());
      return { gameSessionId: sessionId, minutesBefore, dueAt, sentAt: same?.sentAt ?? (dueAt <= now ? now : null) };
    }),
  });
}

/** The session's reminder offsets, farthest first. */
export async function reminderMinutesOf(tx: Tx | Db, sessionId: string): Promise<number[]> {
  const rows = await tx.sessionReminder.findMany({
    where: { gameSessionId: sessionId },
    orderBy: { minutesBefore: "desc" },
    select: { minutesBefore: true },
  });
  return rows.map((r) => r.minutesBefore);
}

/** "24 hours", "1 hour", "90 minutes", "2 days": how far ahead a reminder comes. */
export function aheadOfStart(minutes: number): string {
  if (minutes % 1_440 === 0 && minutes >= 2_880) return plural(minutes / 1_440, "day");
  if (minutes % 60 === 0) return plural(minutes / 60, "hour");
  return plural(minutes, "minute");
}
