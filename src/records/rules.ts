// The session record the GM writes once play has begun: summary, key events,
// character developments and private GM notes. Players read all but the notes.
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { AuthUser } from "../auth/lucia.ts";
import { assertCampaignReader } from "../campaigns/access.ts";
import type { Db } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { after, pageThrough } from "../pagination.ts";
import { canManageSession } from "../sessions/access.ts";
import { refuseField } from "../validation.ts";
import type { KeyEventAddInput, KeyEventUpdateInput, RecordUpdateInput } from "./inputs.ts";

const keyEventView = { id: true, text: true, happenedAt: true, createdAt: true, updatedAt: true } as const;
const developmentView = {
  text: true,
  updatedAt: true,
  character: { select: { id: true, name: true, owner: { select: { id: true, displayName: true } } } },
} as const;

/**
 * The GM, admins, the campaign's members and the session's participants read the
 * record: those with a seat (or who left it during play), not the waitlist, and not
 * someone who left before play began.
 */
async function assertRecordReader(db: Db, user: AuthUser, sessionId: string) {
  const gameSession = await db.gameSession.findUnique({
    where: { id: sessionId },
    select: {
      hostId: true,
      campaignId: true,
      startedAt: true,
      participants: { where: { userId: user.id }, select: { status: true, leftAt: true } },
    },
  });
  if (!gameSession) throw new TRPCError({ code: "NOT_FOUND", message: "No such session." });
  const [participant] = gameSession.participants;
  const { startedAt } = gameSession;
  const wasThere =
    participant !== undefined &&
    (participant.status === "joined" ||
      (participant.status === "left" &&
        startedAt !== null &&
        participant.leftAt !== null &&
        participant.leftAt > startedAt));
  if (canManageSession(user, gameSession) || wasThere) return gameSession;
  if (gameSession.campaignId) {
    await assertCampaignReader(db, user, gameSession.campaignId);
    return gameSession;
  }
  throw new TRPCError({ code: "FORBIDDEN", message: "Only the session's participants and GM read its record." });
}

/** The record opens when play starts and stays editable after the end. */
async function startedWindow(db: Db, sessionId: string) {
  const gameSession = await db.gameSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: { startedAt: true, endedAt: true },
  });
  if (!gameSession.startedAt) {
    throw new TRPCError({ code: "CONFLICT", message: "The record opens once the session has started." });
  }
  return { startedAt: gameSession.startedAt, endedAt: gameSession.endedAt };
}

export async function getRecord(db: Db, user: AuthUser, sessionId: string) {
  const gameSession = await assertRecordReader(db, user, sessionId);
  const record = await db.gameSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: {
      id: true,
      title: true,
      status: true,
      startedAt: true,
      endedAt: true,
      durationMinutes: true,
      summary: true,
      gmNotes: true,
      keyEvents: { orderBy: [{ happenedAt: "asc" }, { createdAt: "asc" }], select: keyEventView },
      developments: { orderBy: { createdAt: "asc" }, select: developmentView },
    },
  });
  const { gmNotes, developments, ...shared } = record;
  return {
    ...shared,
    characterDevelopments: developments,
    // Never serialized for anyone but the GM and admins.
    gmNotes: canManageSession(user, gameSession) ? gmNotes : null,
  };
}

export async function updateRecord(db: Db, input: z.output<typeof RecordUpdateInput>, now: Date) {
  const { sessionId, summary, gmNotes, characterDevelopments = [] } = input;
  await startedWindow(db, sessionId);
  for (const [index, { characterId }] of characterDevelopments.entries()) {
    await assertCharacterWasThere(db, sessionId, characterId, index);
  }
  await db.$transaction(async (tx) => {
    await tx.gameSession.update({
      where: { id: sessionId },
      data: {
        updatedAt: now,
        ...(summary !== undefined ? { summary } : {}),
        ...(gmNotes !== undefined ? { gmNotes } : {}),
      },
    });
    for (const { characterId, text } of characterDevelopments) {
      const key = { gameSessionId_characterId: { gameSessionId: sessionId, characterId } };
      if (text === null) await tx.characterDevelopment.deleteMany({ where: { gameSessionId: sessionId, characterId } });
      else {
        await tx.characterDevelopment.upsert({
          where: key,
          create: { gameSessionId: sessionId, characterId, text, createdAt: now, updatedAt: now },
          update: { text, updatedAt: now },
        });
      }
    }
  });
}

/** A development is about a character someone brought to this session, or owns while taking part. */
async function assertCharacterWasThere(db: Db, sessionId: string, characterId: string, index: number) {
  const character = await db.character.findUnique({ where: { id: characterId }, select: { ownerId: true } });
  const field = `characterDevelopments.${index}.characterId`;
  if (!character) throw refuseField(field, "No such character.");
  const there = await db.participant.count({
    where: { gameSessionId: sessionId, OR: [{ characterId }, { userId: character.ownerId }] },
  });
  if (there === 0) {
    throw refuseField(field, "That character was not at this session.");
  }
}

/** Clocks and typing differ by a little: a key event may be this far outside the play. */
const KEY_EVENT_TOLERANCE_MS = 5 * 60_000;

/** A key event happened during play: from the real start to the end, or to now while it runs. */
function assertWithin(window: { startedAt: Date; endedAt: Date | null }, happenedAt: Date, now: Date) {
  if (happenedAt.getTime() < window.startedAt.getTime() - KEY_EVENT_TOLERANCE_MS) {
    throw refuseField("happenedAt", "That is before the session started.");
  }
  const end = window.endedAt ?? now;
  if (happenedAt.getTime() > end.getTime() + KEY_EVENT_TOLERANCE_MS) {
    throw refuseField(
      "happenedAt",
      window.endedAt ? "That is after the session ended." : "That is still to come; the session is being played now.",
    );
  }
}

export async function addKeyEvent(db: Db, user: AuthUser, input: z.output<typeof KeyEventAddInput>, now: Date) {
  const window = await startedWindow(db, input.sessionId);
  // "Now" after the end means "at the end": the GM is writing it up afterwards.
  const happenedAt = input.happenedAt ?? (window.endedAt && now > window.endedAt ? window.endedAt : now);
  assertWithin(window, happenedAt, now);
  return db.keyEvent.create({
    data: {
      gameSessionId: input.sessionId,
      text: input.text,
      happenedAt,
      createdById: user.id,
      createdAt: now,
      updatedAt: now,
    },
    select: keyEventView,
  });
}

async function findKeyEvent(db: Db, sessionId: string, keyEventId: string) {
  const keyEvent = await db.keyEvent.findFirst({
    where: { id: keyEventId, gameSessionId: sessionId },
    select: { id: true },
  });
  if (!keyEvent) throw new TRPCError({ code: "NOT_FOUND", message: "No such key event in this session." });
}

export async function updateKeyEvent(db: Db, input: z.output<typeof KeyEventUpdateInput>, now: Date) {
  await findKeyEvent(db, input.sessionId, input.keyEventId);
  if (input.happenedAt) assertWithin(await startedWindow(db, input.sessionId), input.happenedAt, now);
  return db.keyEvent.update({
    where: { id: input.keyEventId },
    data: { text: input.text, happenedAt: input.happenedAt, updatedAt: now },
    select: keyEventView,
  });
}

export async function removeKeyEvent(db: Db, sessionId: string, keyEventId: string) {
  await findKeyEvent(db, sessionId, keyEventId);
  await db.keyEvent.delete({ where: { id: keyEventId } });
}

export async function listKeyEvents(db: Db, user: AuthUser, sessionId: string) {
  await assertRecordReader(db, user, sessionId);
  return db.keyEvent.findMany({
    where: { gameSessionId: sessionId },
    orderBy: [{ happenedAt: "asc" }, { createdAt: "asc" }],
    select: keyEventView,
  });
}

/** A campaign's past sessions with their recaps, newest first. */
/**
 * Completed sessions with their recaps, newest first: a campaign's (for its readers), or
 * the user's own (hosted, or played in to the end).
 */
export async function pastSessions(
  db: Db,
  user: AuthUser,
  campaignId: string | undefined,
  limit: number,
  cursor?: string | null,
) {
  if (campaignId) await assertCampaignReader(db, user, campaignId);
  const whose: Prisma.GameSessionWhereInput = campaignId
    ? { campaignId }
    : {
        // (Someone who left during play still opens the record from the session; the
        // list holds the sessions they sat in to the end. A waitlist place is not a seat.)
        OR: [{ hostId: user.id }, { participants: { some: { userId: user.id, status: "joined" } } }],
      };
  return pageThrough(
    (afterId, take) =>
      db.gameSession.findMany({
        where: { ...whose, status: "completed" },
        orderBy: [{ startsAt: "desc" }, { id: "desc" }],
        take,
        ...after(afterId),
        select: {
          id: true,
          title: true,
          startsAt: true,
          startedAt: true,
          endedAt: true,
          durationMinutes: true,
          summary: true,
          campaign: { select: { id: true, title: true } },
          keyEvents: { orderBy: [{ happenedAt: "asc" }, { createdAt: "asc" }], select: keyEventView },
          developments: { orderBy: { createdAt: "asc" }, select: developmentView },
        },
      }),
    limit,
    cursor,
  );
}
