// Joining and leaving game sessions: seats, the waitlist, roles and characters.
// Every write that can move a seat holds the session lock (see sessions/lock.ts),
// so concurrent joins never seat more than maxPlayers players.
import { TRPCError } from "@trpc/server";
import type { AuthUser } from "../auth/lucia.ts";
import { assertOwnCharacter } from "../characters/rules.ts";
import type { Db, Tx } from "../db/client.ts";
import type { Outbox } from "../events/outbox.ts";
import type { ParticipantRole, ParticipantStatus } from "../generated/prisma/enums.ts";
import { notify } from "../notifications/store.ts";
import { goOffline } from "../presence/rules.ts";
import { canManageSession } from "../sessions/access.ts";
import { type ChangeDeps, changeGameSession, type LockedGameSession } from "../sessions/change.ts";
import { assertMaySeeSession, maySeeWithCode } from "../sessions/visibility.ts";
import { fillOpenSeats, waitlistPosition } from "./seats.ts";

export type SeatRole = Exclude<ParticipantRole, "master">;

export const participantView = {
  id: true,
  gameSessionId: true,
  userId: true,
  role: true,
  status: true,
  characterId: true,
  joinOrder: true,
  joinedAt: true,
  leftAt: true,
  removedAt: true,
  totalTimeMinutes: true,
  user: { select: { id: true, displayName: true } },
  character: { select: { id: true, name: true } },
} as const;

const conflict = (message: string) => new TRPCError({ code: "CONFLICT", message });

/**
 * Everyone who is or was in the session, in join order, with waitlist positions. Whether
 * someone was removed (rather than left) is theirs and the GM's to know.
 */
export async function listParticipants(db: Db, viewer: AuthUser, sessionId: string) {
  const gameSession = await db.gameSession.findUnique({ where: { id: sessionId }, select: { id: true, hostId: true } });
  if (!gameSession) throw new TRPCError({ code: "NOT_FOUND", message: "No such session." });
  const rows = await db.participant.findMany({
    where: { gameSessionId: sessionId },
    orderBy: { joinOrder: "asc" },
    select: participantView,
  });
  const manager = canManageSession(viewer, gameSession);
  let position = 0;
  return rows.map((row) => ({
    ...row,
    removedAt: manager || row.userId === viewer.id ? row.removedAt : null,
    waitlistPosition: row.status === "waitlisted" ? ++position : null,
  }));
}

/** Joining by id: for sessions the user sees without a code (public, or theirs through its campaign). */
export async function joinGameSession(
  deps: ChangeDeps,
  user: AuthUser,
  sessionId: string,
  now: Date,
  options: { role: SeatRole; characterId?: string | null },
) {
  await assertMaySeeSession(deps.db, user, sessionId);
  return takePlace(deps, user, sessionId, now, options);
}

/** Joining with the code the GM shared: unlisted sessions too, not those kept to their campaign. */
export async function joinGameSessionByCode(
  deps: ChangeDeps,
  user: AuthUser,
  code: string,
  now: Date,
  options: { role: SeatRole; characterId?: string | null },
) {
  const gameSession = await deps.db.gameSession.findUnique({
    where: { joinCode: code },
    select: { id: true, visibility: true, hostId: true, campaignId: true },
  });
  if (!gameSession || !(await maySeeWithCode(deps.db, user, gameSession))) {
    throw new TRPCError({ code: "NOT_FOUND", message: "No session has that join code." });
  }
  return takePlace(deps, user, gameSession.id, now, options);
}

async function takePlace(
  deps: ChangeDeps,
  user: AuthUser,
  sessionId: string,
  now: Date,
  options: { role: SeatRole; characterId?: string | null },
) {
  if (options.characterId) await assertOwnCharacter(deps.db, user.id, options.characterId);
  return changeGameSession(deps, sessionId, async (tx, gameSession) => {
    assertOpen(gameSession);
    if (gameSession.status !== "scheduled" && !gameSession.allowLateJoin) {
      throw conflict("This session has started and does not take late joiners.");
    }
    await assertNotIn(tx, sessionId, user.id, "You are");
    await assertNotRemoved(tx, sessionId, user.id);
    return seat(tx, gameSession, user.id, options.role, now, options.characterId ?? null);
  });
}

export async function leaveGameSession(deps: ChangeDeps, user: AuthUser, sessionId: string, now: Date): Promise<void> {
  await changeGameSession(deps, sessionId, async (tx, gameSession, outbox) => {
    assertOpen(gameSession);
    const participant = await findPresent(tx, sessionId, user.id, "You are not in this session.");
    if (participant.role === "master") throw conflict("You host this session: cancel it rather than leave it.");
    await vacate(tx, outbox, gameSession, participant, now);
  });
  deps.events.publish("access", user.id, { reason: "left" });
}

/** The GM adds someone: like joining, but late joins are the GM's call. */
export async function addParticipant(deps: ChangeDeps, sessionId: string, userId: string, role: SeatRole, now: Date) {
  const target = await deps.db.user.findUnique({ where: { id: userId, deletedAt: null }, select: { id: true } });
  if (!target) throw new TRPCError({ code: "NOT_FOUND", message: "No such user." });
  return changeGameSession(deps, sessionId, async (tx, gameSession, outbox) => {
    assertOpen(gameSession);
    await assertNotIn(tx, sessionId, userId, "They are");
    const participant = await seat(tx, gameSession, userId, role, now, null);
    await notify(
      tx,
      outbox,
      [
        {
          userId,
          type: "participant_added",
          gameSessionId: sessionId,
          title: `You were added to "${gameSession.title}".`,
        },
      ],
      now,
    );
    return participant;
  });
}

export async function removeParticipant(deps: ChangeDeps, sessionId: string, userId: string, now: Date) {
  await changeGameSession(deps, sessionId, async (tx, gameSession, outbox) => {
    assertOpen(gameSession);
    const participant = await findPresent(tx, sessionId, userId, "They are not in this session.");
    if (participant.role === "master") throw conflict("The host cannot be removed from their own session.");
    await vacate(tx, outbox, gameSession, participant, now);
    // It sticks: they cannot rejoin on their own (by id or join code) until the GM adds them.
    await tx.participant.update({ where: { id: participant.id }, data: { removedAt: now } });
    await notify(
      tx,
      outbox,
      [
        {
          userId,
          type: "participant_removed",
          gameSessionId: sessionId,
          title: `You were removed from "${gameSession.title}".`,
        },
      ],
      now,
    );
  });
  // Their open streams of this session (presence) end, on every process.
  deps.events.publish("access", userId, { reason: "removed" });
}

export async function setParticipantCharacter(db: Db, user: AuthUser, sessionId: string, characterId: string | null) {
  if (characterId) await assertOwnCharacter(db, user.id, characterId);
  const participant = await findPresent(db, sessionId, user.id, "You are not in this session.");
  return db.participant.update({ where: { id: participant.id }, data: { characterId }, select: participantView });
}

/** Moves someone between player and observer; a new player without a seat joins the waitlist. */
export async function setParticipantRole(
  deps: ChangeDeps,
  sessionId: string,
  userId: string,
  role: SeatRole,
  now: Date,
) {
  return changeGameSession(deps, sessionId, async (tx, gameSession, outbox) => {
    assertOpen(gameSession);
    const participant = await findPresent(tx, sessionId, userId, "They are not in this session.");
    if (participant.role === "master") throw conflict("The host's role cannot be changed.");
    if (participant.role === role) {
      return tx.participant.findUniqueOrThrow({ where: { id: participant.id }, select: participantView });
    }
    const playerCount =
      participant.role === "player" && participant.status === "joined"
        ? await freeSeat(tx, outbox, gameSession, now)
        : gameSession.playerCount;
    const moved = await seat(tx, { ...gameSession, playerCount }, userId, role, now, participant.characterId);
    // Sent to the waitlist: no longer at the table.
    if (moved.status !== "joined") await goOffline(tx, outbox, { gameSessionId: sessionId, userId }, () => now);
    return moved;
  });
}

// --- the pieces the rules above share ---------------------------------------

function assertOpen(gameSession: LockedGameSession): void {
  if (gameSession.status === "completed") throw conflict("This session is over.");
  if (gameSession.status === "cancelled") throw conflict("This session was cancelled.");
}

async function assertNotIn(tx: Tx, sessionId: string, userId: string, who: "You are" | "They are") {
  const existing = await tx.participant.findUnique({
    where: { gameSessionId_userId: { gameSessionId: sessionId, userId } },
    select: { status: true },
  });
  if (existing?.status === "joined") throw conflict(`${who} already in this session.`);
  if (existing?.status === "waitlisted") throw conflict(`${who} already on this session's waitlist.`);
}

async function assertNotRemoved(tx: Tx, sessionId: string, userId: string) {
  const existing = await tx.participant.findUnique({
    where: { gameSessionId_userId: { gameSessionId: sessionId, userId } },
    select: { removedAt: true },
  });
  if (existing?.removedAt) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "The GM removed you from this session. Only they can add you again.",
    });
  }
}

async function findPresent(db: Db | Tx, sessionId: string, userId: string, notInMessage: string) {
  const participant = await db.participant.findUnique({
    where: { gameSessionId_userId: { gameSessionId: sessionId, userId } },
    select: { id: true, role: true, status: true, characterId: true },
  });
  if (!participant || participant.status === "left") throw conflict(notInMessage);
  return participant;
}

/** Gives `userId` a seat if one is free, else a place at the end of the waitlist. */
async function seat(
  tx: Tx,
  gameSession: LockedGameSession,
  userId: string,
  role: SeatRole,
  now: Date,
  characterId: string | null,
) {
  const takesSeat = role === "player" && gameSession.playerCount < gameSession.maxPlayers;
  const status: ParticipantStatus = role === "observer" || takesSeat ? "joined" : "waitlisted";
  if (takesSeat) {
    await tx.gameSession.update({ where: { id: gameSession.id }, data: { playerCount: { increment: 1 } } });
  }
  // The session's version is unique per locked transaction: it orders the waitlist.
  // A GM adding someone they removed lifts the removal.
  const fields = {
    role,
    status,
    characterId,
    joinOrder: gameSession.version,
    joinedAt: now,
    leftAt: null,
    removedAt: null,
  };
  const participant = await tx.participant.upsert({
    where: { gameSessionId_userId: { gameSessionId: gameSession.id, userId } },
    create: { gameSessionId: gameSession.id, userId, ...fields },
    update: fields,
    select: participantView,
  });
  return { ...participant, waitlistPosition: await waitlistPosition(tx, participant) };
}

async function vacate(
  tx: Tx,
  outbox: Outbox,
  gameSession: LockedGameSession,
  participant: { id: string; role: ParticipantRole; status: ParticipantStatus },
  now: Date,
): Promise<void> {
  const { gameSessionId, userId } = await tx.participant.update({
    where: { id: participant.id },
    data: { status: "left", leftAt: now },
    select: { gameSessionId: true, userId: true },
  });
  // Whoever leaves the session leaves the table.
  await goOffline(tx, outbox, { gameSessionId, userId }, () => now);
  if (participant.role === "player" && participant.status === "joined") await freeSeat(tx, outbox, gameSession, now);
}

/** Gives up one player seat and hands it on; returns the session's new player count. */
async function freeSeat(tx: Tx, outbox: Outbox, gameSession: LockedGameSession, now: Date): Promise<number> {
  const playerCount = gameSession.playerCount - 1;
  await tx.gameSession.update({ where: { id: gameSession.id }, data: { playerCount } });
  return fillOpenSeats(tx, outbox, { ...gameSession, playerCount }, now);
}
