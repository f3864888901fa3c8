// The reminders job: sends each session reminder that has come due, once. Claiming a
// reminder (setting its sentAt) and writing its notifications happen in one
// transaction, so two processes never both send it, and a crash sends it whole or not
// at all. A reminder found due after the start (the server was down) is dropped: its
// claim marks it done and nobody is told.

import type { Tx } from "../db/client.ts";
import { newOutbox } from "../events/outbox.ts";
import { notify } from "../notifications/store.ts";
import { queueSessionPosts } from "../outgoing/queue.ts";
import { announceChanges, type ChangeDeps } from "../sessions/change.ts";
import { aheadOfStart } from "../sessions/reminders.ts";

const CLAIM_BATCH = 200;

export async function sendDueReminders(deps: ChangeDeps, now: Date): Promise<{ reminded: number; dropped: number }> {
  let reminded = 0;
  let dropped = 0;
  for (;;) {
    const outbox = newOutbox();
    const batch = await deps.db.$transaction(async (tx) => {
      // The keys first, then one UPDATE that checks sentAt again: PostgreSQL rechecks an
      // UPDATE's own conditions on a row another process changed meanwhile, but not a
      // LIMIT subquery's (which is what Prisma's `limit` writes), so that would claim twice.
      const due = await tx.sessionReminder.findMany({
        where: { sentAt: null, dueAt: { lte: now } },
        orderBy: { dueAt: "asc" },
        take: CLAIM_BATCH,
        select: { gameSessionId: true, minutesBefore: true },
      });
      if (due.length === 0) return { due: 0, claimed: 0, sent: 0 };
      const claimed = await tx.sessionReminder.updateManyAndReturn({
        // By session (the primary key's first column): any of its reminders that are due.
        where: {
          gameSessionId: { in: [...new Set(due.map((r) => r.gameSessionId))] },
          sentAt: null,
          dueAt: { lte: now },
        },
        data: { sentAt: now },
        select: { gameSessionId: true, minutesBefore: true },
      });
      // By id only, the status and start checked here: with them in the query, SQLite
      // walks every future session by (status, startsAt) instead of the few by id.
      const sessions = await tx.gameSession.findMany({
        where: { id: { in: [...new Set(claimed.map((r) => r.gameSessionId))] } },
        select: {
          id: true,
          title: true,
          status: true,
          startsAt: true,
          campaignId: true,
          participants: { where: { status: "joined" }, select: { userId: true } },
        },
      });
      const byId = new Map(sessions.map((s) => [s.id, s]));
      // A reminder found due after the start (or for a session no longer on) is dropped.
      // Of a session's reminders due at once (after a restart), only the nearest goes:
      // "starts in 24 hours" two hours before the start would mislead.
      const nearest = (r: { gameSessionId: string; minutesBefore: number }) =>
        !claimed.some((o) => o.gameSessionId === r.gameSessionId && o.minutesBefore < r.minutesBefore);
      const timely = claimed.flatMap((reminder) => {
        const session = byId.get(reminder.gameSessionId);
        const on = session?.status === "scheduled" && session.startsAt > now && nearest(reminder);
        return on && session ? [{ ...reminder, session }] : [];
      });
      for (const { minutesBefore, session } of timely) {
        const recap = session.campaignId ? await lastRecap(tx, session.campaignId, session.startsAt) : null;
        const body = recap
          ? `Last time, in "${recap.title}": ${recap.excerpt} The whole recap: ${deps.config.PUBLIC_URL}/sessions/${recap.id}`
          : "";
        await notify(
          tx,
          outbox,
          session.participants.map(({ userId }) => ({
            userId,
            type: "session_reminder" as const,
            gameSessionId: session.id,
            title: reminderTitle(session.title, minutesBefore),
            body,
            data: { minutesBefore, startsAt: session.startsAt.toISOString() },
          })),
          now,
        );
      }
      // One Discord post per reminder, queued per offset (a restart may find two due).
      for (const minutes of new Set(timely.map((r) => r.minutesBefore))) {
        const ids = timely.filter((r) => r.minutesBefore === minutes).map((r) => r.gameSessionId);
        await queueSessionPosts(tx, ids, "session_reminder", (s) => reminderTitle(s.title, minutes), now);
      }
      const sent = timely.length;
      return { due: due.length, claimed: claimed.length, sent };
    });
    reminded += batch.sent;
    dropped += batch.claimed - batch.sent;
    if (batch.sent > 0) await announceChanges(deps, [], outbox);
    if (batch.due < CLAIM_BATCH) return { reminded, dropped };
  }
}

const reminderTitle = (title: string, minutesBefore: number) => `"${title}" starts in ${aheadOfStart(minutesBefore)}.`;

/** The campaign's latest recap before `startsAt`: its first lines, for a reminder. */
async function lastRecap(tx: Tx, campaignId: string, startsAt: Date) {
  const previous = await tx.gameSession.findFirst({
    where: { campaignId, status: "completed", summary: { not: null }, startsAt: { lt: startsAt } },
    orderBy: { startsAt: "desc" },
    select: { id: true, title: true, summary: true },
  });
  if (!previous?.summary?.trim()) return null;
  return { id: previous.id, title: previous.title, excerpt: excerpt(previous.summary) };
}

/** The first lines of a Markdown recap as plain text, at most about 280 characters. */
export function excerpt(markdown: string, limit = 280): string {
  const lines = markdown
    .split("\n")
    .map((line) =>
      line
        .replace(/^\s*(#+|>|[-*+]|\d+\.)\s*/, "")
        .replace(/[*_`]/g, "")
        .trim(),
    )
    .filter(Boolean)
    .slice(0, 3)
    .join(" ");
  if (lines.length <= limit) return lines;
  // At the last space, unless there is none near the end (a long link, or text without spaces).
  const space = lines.lastIndexOf(" ", limit);
  return `${lines.slice(0, space > limit / 2 ? space : limit).trimEnd()}…`;
}
