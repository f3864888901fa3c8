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
        where: { sentAt: null, OR: due },
        data: { sentAt: now },
        select: { gameSessionId: true, minutesBefore: true },
      });
      const sessions = await tx.gameSession.findMany({
        where: { id: { in: claimed.map((r) => r.gameSessionId) }, status: "scheduled", startsAt: { gt: now } },
        select: {
          id: true,
          title: true,
          startsAt: true,
          campaignId: true,
          participants: { where: { status: "joined" }, select: { userId: true } },
        },
      });
      const byId = new Map(sessions.map((s) => [s.id, s]));
      let sent = 0;
      for (const { gameSessionId, minutesBefore } of claimed) {
        const session = byId.get(gameSessionId);
        if (!session) continue;
        sent += 1;
        const title = `"${session.title}" starts in ${aheadOfStart(minutesBefore)}.`;
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
            gameSessionId,
            title,
            body,
            data: { minutesBefore, startsAt: session.startsAt.toISOString() },
          })),
          now,
        );
        await queueSessionPosts(tx, [gameSessionId], "session_reminder", () => title, now);
      }
      return { due: due.length, claimed: claimed.length, sent };
    });
    reminded += batch.sent;
    dropped += batch.claimed - batch.sent;
    if (batch.sent > 0) await announceChanges(deps, [], outbox);
    if (batch.due < CLAIM_BATCH) return { reminded, dropped };
  }
}

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
  return `${lines.slice(0, lines.lastIndexOf(" ", limit)).trimEnd()}…`;
}
