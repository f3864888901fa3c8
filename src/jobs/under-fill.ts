// The under-fill sweep: cancels every scheduled session past its deadline
// (startsAt - cutoff) that has fewer joined players than its minimum, and tells
// everyone in it. One conditional UPDATE decides, so two processes sweeping at
// once cancel each session once and notify each participant once.
import { newOutbox } from "../events/outbox.ts";
import { notify } from "../notifications/store.ts";
import { queueSessionPosts } from "../outgoing/queue.ts";
import { goOffline } from "../presence/rules.ts";
import { announceChanges, type ChangeDeps } from "../sessions/change.ts";
import { dueStartsBy } from "../sessions/deadline.ts";

export const UNDER_FILLED = "under_filled";

export type SweepReport = { due: number; cancelled: number; ms: number };

export async function cancelUnderFilledSessions(deps: ChangeDeps, now: Date): Promise<SweepReport> {
  const started = performance.now();
  const { db, config } = deps;
  // Both queries walk the (status, startsAt) index: only sessions that are due.
  const due = { status: "scheduled" as const, startsAt: { lte: dueStartsBy(now, config.CANCEL_CUTOFF_MINUTES) } };
  const dueCount = await db.gameSession.count({ where: due });

  const { cancelled, outbox } = await db.$transaction(async (tx) => {
    const outbox = newOutbox();
    const cancelled = await tx.gameSession.updateManyAndReturn({
      where: { ...due, playerCount: { lt: db.gameSession.fields.minPlayers } },
      data: {
        status: "cancelled",
        cancelledAt: now,
        cancelReason: UNDER_FILLED,
        version: { increment: 1 },
        updatedAt: now,
      },
      select: { id: true, title: true, minPlayers: true },
    });
    if (cancelled.length > 0) {
      const participants = await tx.participant.findMany({
        where: { gameSessionId: { in: cancelled.map((s) => s.id) }, status: { in: ["joined", "waitlisted"] } },
        select: { userId: true, gameSessionId: true },
      });
      const byId = new Map(cancelled.map((s) => [s.id, s]));
      await notify(
        tx,
        outbox,
        participants.map(({ userId, gameSessionId }) => {
          const gameSession = byId.get(gameSessionId);
          return {
            userId,
            gameSessionId,
            type: "session_cancelled" as const,
            title: `"${gameSession?.title}" was cancelled: not enough players.`,
            body: `It needed at least ${gameSession?.minPlayers} players ${config.CANCEL_CUTOFF_MINUTES} minutes before the start.`,
          };
        }),
        now,
      );
    }
    await queueSessionPosts(
      tx,
      cancelled.map((s) => s.id),
      "session_cancelled",
      (s) => `"${s.title}" was cancelled: not enough players.`,
      now,
    );
    // A lobby may be open before the start: close it.
    await goOffline(tx, outbox, { gameSessionId: { in: cancelled.map((s) => s.id) } }, () => now);
    return { cancelled, outbox };
  });

  if (cancelled.length > 0)
    await announceChanges(
      deps,
      cancelled.map((s) => s.id),
      outbox,
    );
  return { due: dueCount, cancelled: cancelled.length, ms: Math.round(performance.now() - started) };
}
