// The last call: a scheduled session still short of players LAST_CALL_MINUTES before
// its under-fill deadline tells its players, its GM and its campaign's members who are
// not in it that it needs N more players by the deadline, or it is cancelled. Once per
// session: one conditional UPDATE (lastCallAt) decides, across processes, in the
// transaction that writes the messages.
import { newOutbox } from "../events/outbox.ts";
import { lastCallLine } from "../notifications/notice-text.ts";
import { notify } from "../notifications/store.ts";
import { queueSessionPosts } from "../outgoing/queue.ts";
import { plural } from "../plural.ts";
import { announceChanges, type ChangeDeps } from "../sessions/change.ts";
import { cancelDeadline, dueStartsBy, playersNeeded } from "../sessions/deadline.ts";
import { utcText } from "../sessions/reschedule-notice.ts";

export async function sendLastCalls(deps: ChangeDeps, now: Date): Promise<{ called: number }> {
  const { db, config } = deps;
  if (config.LAST_CALL_MINUTES === 0) return { called: 0 };
  const outbox = newOutbox();
  const called = await db.$transaction(async (tx) => {
    const sessions = await tx.gameSession.updateManyAndReturn({
      where: {
        status: "scheduled",
        lastCallAt: null,
        playerCount: { lt: db.gameSession.fields.minPlayers },
        // Between the last-call point and the deadline (past it, the sweep cancels).
        startsAt: {
          gt: dueStartsBy(now, config.CANCEL_CUTOFF_MINUTES),
          lte: dueStartsBy(now, config.CANCEL_CUTOFF_MINUTES + config.LAST_CALL_MINUTES),
        },
      },
      data: { lastCallAt: now },
      select: { id: true, title: true, startsAt: true, minPlayers: true, playerCount: true, campaignId: true },
    });
    if (sessions.length === 0) return sessions;
    const ids = sessions.map((s) => s.id);
    const [inIt, members] = await Promise.all([
      tx.participant.findMany({
        where: { gameSessionId: { in: ids }, status: { in: ["joined", "waitlisted"] } },
        select: { userId: true, gameSessionId: true },
      }),
      tx.campaignMember.findMany({
        where: { campaignId: { in: sessions.flatMap((s) => (s.campaignId ? [s.campaignId] : [])) } },
        select: { userId: true, campaignId: true },
      }),
    ]);
    const notices = sessions.flatMap((session) => {
      const missing = playersNeeded(session);
      const deadline = cancelDeadline(session.startsAt, config.CANCEL_CUTOFF_MINUTES);
      const recipients = new Set([
        ...inIt.filter((p) => p.gameSessionId === session.id).map((p) => p.userId),
        ...members.filter((m) => m.campaignId === session.campaignId).map((m) => m.userId),
      ]);
      return [...recipients].map((userId) => ({
        userId,
        type: "last_call" as const,
        gameSessionId: session.id,
        title: lastCallTitle(session.title, missing),
        body: lastCallLine(missing, utcText(deadline)),
        data: { missing, deadline: deadline.toISOString() },
      }));
    });
    await notify(tx, outbox, notices, now);
    const titles = new Map(sessions.map((s) => [s.id, lastCallTitle(s.title, playersNeeded(s))]));
    await queueSessionPosts(tx, ids, "last_call", (s) => titles.get(s.id) ?? s.title, now);
    return sessions;
  });
  if (called.length > 0) await announceChanges(deps, [], outbox);
  return { called: called.length };
}

const lastCallTitle = (title: string, missing: number) => `"${title}" needs ${plural(missing, "more player")}.`;
