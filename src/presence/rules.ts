// Presence rules: who may be at (or look at) the table, coming online, heartbeats,
// going offline, and the time present that each online spell adds to a participant.
import { TRPCError } from "@trpc/server";
import type { AuthUser } from "../auth/lucia.ts";
import { assertOwnCharacter } from "../characters/rules.ts";
import type { Db, Tx } from "../db/client.ts";
import { newOutbox, type Outbox } from "../events/outbox.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { Services } from "../services.ts";
import { announceChanges } from "../sessions/change.ts";

export type PresenceDeps = Pick<Services, "db" | "events" | "config">;

type Access = { hostId: string; status: string; participant: { role: string; status: string } | null };

async function accessTo(db: Db, user: AuthUser, sessionId: string): Promise<Access> {
  const gameSession = await db.gameSession.findUnique({
    where: { id: sessionId },
    select: {
      hostId: true,
      status: true,
      participants: { where: { userId: user.id }, select: { role: true, status: true } },
    },
  });
  if (!gameSession) throw new TRPCError({ code: "NOT_FOUND", message: "No such session." });
  return { hostId: gameSession.hostId, status: gameSession.status, participant: gameSession.participants[0] ?? null };
}

const isGm = (user: AuthUser, access: Access) => user.role === "admin" || access.hostId === user.id;

/** Participants (joined or waitlisted), the GM and admins may see who is at the table. */
export async function assertMayWatch(db: Db, user: AuthUser, sessionId: string): Promise<void> {
  const access = await accessTo(db, user, sessionId);
  const isIn = access.participant && access.participant.status !== "left";
  if (!isGm(user, access) && !isIn) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Only the session's participants and GM see who is at the table.",
    });
  }
}

/** Joined participants, the GM and admins may sit at the table, while it is open. */
async function assertMaySit(db: Db, user: AuthUser, sessionId: string): Promise<void> {
  const access = await accessTo(db, user, sessionId);
  const gm = isGm(user, access);
  if (!gm && access.participant?.status !== "joined") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Join the session before taking a seat at the table." });
  }
  if (access.status === "completed" || access.status === "cancelled") {
    throw new TRPCError({ code: "CONFLICT", message: `This session is ${access.status}: nobody is at the table.` });
  }
  // Before the start, the table is a lobby that the GM opens by being there.
  if (access.status === "scheduled" && !gm) {
    const hostHere = await db.presence.count({
      where: { gameSessionId: sessionId, userId: access.hostId, online: true },
    });
    if (hostHere === 0) {
      throw new TRPCError({ code: "CONFLICT", message: "The session has not started and the GM is not here yet." });
    }
  }
}

/** Marks the caller online (a new spell if they were offline), optionally as a character. */
export async function connect(
  deps: PresenceDeps,
  user: AuthUser,
  sessionId: string,
  now: Date,
  characterId?: string | null,
): Promise<void> {
  await assertMaySit(deps.db, user, sessionId);
  if (characterId) await assertOwnCharacter(deps.db, user.id, characterId);
  await comeOnline(deps, user.id, sessionId, now, characterId);
}

/** Keeps the caller online; after a timeout it brings them back online. */
export async function heartbeat(deps: PresenceDeps, user: AuthUser, sessionId: string, now: Date): Promise<void> {
  // The common case, one cheap conditional write: still online, seen again.
  const { count } = await deps.db.presence.updateMany({
    where: { gameSessionId: sessionId, userId: user.id, online: true },
    data: { lastSeenAt: now },
  });
  if (count === 1) return;
  await assertMaySit(deps.db, user, sessionId);
  if (
    !(await deps.db.presence.findUnique({
      where: { gameSessionId_userId: { gameSessionId: sessionId, userId: user.id } },
    }))
  ) {
    throw new TRPCError({ code: "CONFLICT", message: "Connect to the table before sending heartbeats." });
  }
  await comeOnline(deps, user.id, sessionId, now);
}

async function comeOnline(
  deps: PresenceDeps,
  userId: string,
  sessionId: string,
  now: Date,
  characterId?: string | null,
) {
  const outbox = newOutbox();
  await deps.db.$transaction(async (tx) => {
    const key = { gameSessionId_userId: { gameSessionId: sessionId, userId } };
    await lockSessionRow(tx, sessionId);
    const existing = await tx.presence.findUnique({ where: key, select: { online: true, characterId: true } });
    const characterChanges = characterId !== undefined && characterId !== existing?.characterId;
    if (existing?.online) {
      await tx.presence.update({ where: key, data: { lastSeenAt: now, ...(characterChanges ? { characterId } : {}) } });
      if (characterChanges) await bumpPresence(tx, outbox, sessionId);
      return;
    }
    const spell = { online: true, connectedAt: now, lastSeenAt: now, disconnectedAt: null };
    await tx.presence.upsert({
      where: key,
      create: { gameSessionId: sessionId, userId, characterId: characterId ?? null, ...spell },
      update: { ...spell, ...(characterId !== undefined ? { characterId } : {}) },
    });
    await bumpPresence(tx, outbox, sessionId);
  });
  await announceChanges(deps, [], outbox);
}

/** Marks the caller offline now (leaving the table, closing the tab). Nothing to do if already offline. */
export async function disconnect(deps: PresenceDeps, userId: string, sessionId: string, now: Date): Promise<void> {
  const outbox = newOutbox();
  await deps.db.$transaction(async (tx) => {
    await lockSessionRow(tx, sessionId);
    await goOffline(tx, outbox, { gameSessionId: sessionId, userId }, () => now);
  });
  await announceChanges(deps, [], outbox);
}

/**
 * Every presence change locks its session's row first, as session changes do
 * (changeGameSession): session before presence everywhere, so no two transactions wait
 * for each other in a circle (PostgreSQL would abort one as a deadlock). On SQLite the
 * first write takes the one write lock, before any read.
 */
async function lockSessionRow(tx: Tx, sessionId: string): Promise<void> {
  await tx.gameSession.updateMany({ where: { id: sessionId }, data: { presenceVersion: { increment: 0 } } });
}

/**
 * Takes the matching online presences offline, each spell ending at `endOf(presence)`,
 * and adds each spell's minutes to the participant's time present. The conditional
 * update makes it safe to race: a spell is closed, and counted, once.
 */
export async function goOffline(
  tx: Tx,
  outbox: Outbox,
  where: Pick<Prisma.PresenceWhereInput, "gameSessionId" | "userId" | "lastSeenAt">,
  endOf: (presence: { lastSeenAt: Date }) => Date,
): Promise<number> {
  const closed = await tx.presence.updateManyAndReturn({
    where: { ...where, online: true },
    data: { online: false },
    select: { id: true, gameSessionId: true, userId: true, connectedAt: true, lastSeenAt: true },
  });
  for (const spell of closed) {
    const end = endOf(spell);
    await tx.presence.update({ where: { id: spell.id }, data: { disconnectedAt: end } });
    const minutes = spell.connectedAt
      ? Math.max(0, Math.round((end.getTime() - spell.connectedAt.getTime()) / 60_000))
      : 0;
    if (minutes > 0) {
      await tx.participant.updateMany({
        where: { gameSessionId: spell.gameSessionId, userId: spell.userId },
        data: { totalTimeMinutes: { increment: minutes } },
      });
    }
  }
  for (const sessionId of new Set(closed.map((spell) => spell.gameSessionId))) {
    await bumpPresence(tx, outbox, sessionId);
  }
  return closed.length;
}

async function bumpPresence(tx: Tx, outbox: Outbox, sessionId: string): Promise<void> {
  await tx.gameSession.update({ where: { id: sessionId }, data: { presenceVersion: { increment: 1 } } });
  outbox.presenceChanged.add(sessionId);
}

/** The presence job: whoever has not been heard from for the timeout goes offline as of their last heartbeat. */
export async function sweepStalePresence(deps: PresenceDeps, now: Date): Promise<number> {
  const outbox = newOutbox();
  const stale = new Date(now.getTime() - deps.config.PRESENCE_TIMEOUT_S * 1000);
  const due = await deps.db.presence.findMany({
    where: { online: true, lastSeenAt: { lt: stale } },
    select: { gameSessionId: true },
  });
  // One transaction per session, each holding one session's lock at a time: whatever
  // order other transactions (the under-fill sweep) lock sessions in, none waits in a circle.
  let closed = 0;
  for (const sessionId of [...new Set(due.map((presence) => presence.gameSessionId))].sort()) {
    closed += await deps.db.$transaction(async (tx) => {
      await lockSessionRow(tx, sessionId);
      return goOffline(
        tx,
        outbox,
        { gameSessionId: sessionId, lastSeenAt: { lt: stale } },
        (presence) => presence.lastSeenAt,
      );
    });
  }
  await announceChanges(deps, [], outbox);
  return closed;
}
