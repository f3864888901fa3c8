// Every write that moves a session's seats or status goes through changeGameSession:
// it holds the session's lock for the transaction, then, once committed, tells live
// viewers the new state and delivers the notifications the change wrote.
import { TRPCError } from "@trpc/server";
import type { Tx } from "../db/client.ts";
import { newOutbox, type Outbox } from "../events/outbox.ts";
import { announceNotifications } from "../notifications/store.ts";
import { presenceSnapshot } from "../presence/snapshot.ts";
import type { Services } from "../services.ts";
import { getPublicGameSessions } from "./queries.ts";

export type ChangeDeps = Pick<Services, "db" | "events" | "config">;

const lockedFields = {
  id: true,
  title: true,
  hostId: true,
  campaignId: true,
  status: true,
  version: true,
  minPlayers: true,
  maxPlayers: true,
  playerCount: true,
  allowLateJoin: true,
  startsAt: true,
  endsAt: true,
  startedAt: true,
  pausedAt: true,
  pausedMinutes: true,
} as const;

/**
 * The first statement updates the session row, which takes SQLite's write lock (or
 * PostgreSQL's row lock) until commit: concurrent changes to one session, from any
 * process, run one after the other. The bumped `version` orders them.
 */
async function lockGameSession(tx: Tx, sessionId: string) {
  const { count } = await tx.gameSession.updateMany({
    where: { id: sessionId },
    data: { version: { increment: 1 } },
  });
  if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "No such session." });
  return tx.gameSession.findUniqueOrThrow({ where: { id: sessionId }, select: lockedFields });
}

export type LockedGameSession = Awaited<ReturnType<typeof lockGameSession>>;

export async function changeGameSession<T>(
  deps: ChangeDeps,
  sessionId: string,
  change: (tx: Tx, gameSession: LockedGameSession, outbox: Outbox) => Promise<T>,
): Promise<T> {
  const outbox = newOutbox();
  const result = await deps.db.$transaction(async (tx) => change(tx, await lockGameSession(tx, sessionId), outbox));
  await announceChanges(deps, [sessionId], outbox);
  return result;
}

/**
 * After commit: the sessions' new public state to their viewers, who is at the table
 * where that changed, and the notifications to their users.
 */
export async function announceChanges(deps: ChangeDeps, sessionIds: string[], outbox: Outbox): Promise<void> {
  announceNotifications(deps.events, outbox);
  if (sessionIds.length > 0) {
    for (const view of await getPublicGameSessions(deps.db, sessionIds, deps.config.CANCEL_CUTOFF_MINUTES)) {
      deps.events.publish("gameSession", view.id, view);
    }
  }
  for (const sessionId of outbox.presenceChanged) {
    const snapshot = await presenceSnapshot(deps.db, sessionId);
    if (snapshot) deps.events.publish("presence", sessionId, snapshot);
  }
}
