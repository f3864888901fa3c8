// Seats: who gets one when one frees. Callers hold the session lock (lockGameSession).
import type { Db, Tx } from "../db/client.ts";
import type { Outbox } from "../events/outbox.ts";
import { notify } from "../notifications/store.ts";
import type { LockedGameSession } from "../sessions/change.ts";
import { isOpen } from "../sessions/statuses.ts";

/**
 * Promotes waitlisted players, first come first served, into the seats that are
 * free, and tells each of them. Returns the session's new player count.
 */
export async function fillOpenSeats(
  tx: Tx,
  outbox: Outbox,
  gameSession: LockedGameSession,
  now: Date,
): Promise<number> {
  const free = gameSession.maxPlayers - gameSession.playerCount;
  if (free <= 0 || !isOpen(gameSession.status)) return gameSession.playerCount;
  const promoted = await tx.participant.findMany({
    where: { gameSessionId: gameSession.id, role: "player", status: "waitlisted" },
    orderBy: { joinOrder: "asc" },
    take: free,
    select: { id: true, userId: true },
  });
  if (promoted.length === 0) return gameSession.playerCount;
  await tx.participant.updateMany({
    where: { id: { in: promoted.map((p) => p.id) } },
    data: { status: "joined" },
  });
  const playerCount = gameSession.playerCount + promoted.length;
  await tx.gameSession.update({ where: { id: gameSession.id }, data: { playerCount } });
  await notify(
    tx,
    outbox,
    promoted.map((p) => ({
      userId: p.userId,
      type: "waitlist_promoted" as const,
      gameSessionId: gameSession.id,
      title: `A seat opened: you are in "${gameSession.title}".`,
    })),
    now,
  );
  return playerCount;
}

/** A place's number on its session's waitlist (1 is next), or null when it is not waiting. */
export async function waitlistPosition(
  db: Db | Tx,
  place: { gameSessionId: string; status: string; joinOrder: number },
): Promise<number | null> {
  if (place.status !== "waitlisted") return null;
  return db.participant.count({
    where: { gameSessionId: place.gameSessionId, status: "waitlisted", joinOrder: { lte: place.joinOrder } },
  });
}

/**
 * Seats people in a new session in the order given, up to its maxPlayers; the rest go
 * on its waitlist in that order. Each hears where they stand when `tell`.
 */
export async function seatInOrder(
  tx: Tx,
  outbox: Outbox,
  session: { id: string; title: string; maxPlayers: number },
  userIds: string[],
  now: Date,
  options: { tell: boolean },
): Promise<void> {
  if (userIds.length === 0) return;
  const { id: gameSessionId, maxPlayers, title } = session;
  await tx.participant.createMany({
    data: userIds.map((userId, index) => ({
      gameSessionId,
      userId,
      role: "player" as const,
      status: index < maxPlayers ? ("joined" as const) : ("waitlisted" as const),
      joinOrder: index + 1,
      joinedAt: now,
    })),
  });
  await tx.gameSession.update({
    where: { id: gameSessionId },
    data: { playerCount: Math.min(userIds.length, maxPlayers), version: { increment: userIds.length } },
  });
  if (!options.tell) return;
  await notify(
    tx,
    outbox,
    userIds.map((userId, index) => ({
      userId,
      type: "participant_added" as const,
      gameSessionId,
      title:
        index < maxPlayers
          ? `You have a seat at "${title}".`
          : `You are on the waitlist for "${title}" (number ${index - maxPlayers + 1}).`,
    })),
    now,
  );
}
