// Game-session rules: scheduling, the host cap, edits, deletion and the status machine.
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { AuthUser } from "../auth/lucia.ts";
import type { Config } from "../config.ts";
import type { Db, Tx } from "../db/client.ts";
import type { Outbox } from "../events/outbox.ts";
import type { GameSessionStatus } from "../generated/prisma/enums.ts";
import { newJoinCode } from "../join-codes.ts";
import { notify } from "../notifications/store.ts";
import { assertWebhookUsable } from "../outgoing/discord.ts";
import { queueSessionPosts } from "../outgoing/queue.ts";
import { fillOpenSeats } from "../participants/seats.ts";
import { goOffline } from "../presence/rules.ts";
import { refuseField } from "../validation.ts";
import { type ChangeDeps, changeGameSession, type LockedGameSession } from "./change.ts";
import { cancelDeadline } from "./deadline.ts";
import { assertVisibilityFits, describedFields, tagsColumn } from "./game-description.ts";
import { assertUnderHostCap } from "./host-cap.ts";
import type { SessionCreateInput, SessionUpdateInput } from "./inputs.ts";
import { reminderMinutesOf, scheduleReminders } from "./reminders.ts";
import { rescheduleNotices } from "./reschedule-notice.ts";

const conflict = (message: string) => new TRPCError({ code: "CONFLICT", message });
const minutesBetween = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));

type CreateConfig = Pick<Config, "HOST_SESSION_CAP" | "CANCEL_CUTOFF_MINUTES" | "DISCORD_WEBHOOK_HOSTS">;

export async function createGameSession(
  db: Db,
  host: AuthUser,
  input: z.output<typeof SessionCreateInput>,
  now: Date,
  config: CreateConfig,
) {
  await assertMayCreateSession(db, host, input, now, config);
  return db.$transaction((tx) => insertGameSession(tx, host, input, now, config));
}

/** What refuses a new session (or series) before anything is written. */
export async function assertMayCreateSession(
  db: Db,
  host: AuthUser,
  input: { startsAt: Date; campaignId?: string | null; venueId?: string | null; discordWebhookUrl?: string | null },
  now: Date,
  config: CreateConfig,
) {
  if (input.startsAt <= now) {
    throw refuseField("startsAt", "The session must start in the future.");
  }
  assertTimeToFill(input.startsAt, now, config.CANCEL_CUTOFF_MINUTES);
  if (input.campaignId) await assertMayScheduleInCampaign(db, host, input.campaignId);
  if (input.venueId) await assertVenueExists(db, input.venueId);
  assertWebhookUsable(input.discordWebhookUrl, config);
}

/** Inside the creating transaction (checked first by assertMayCreateSession): the cap, the session, its GM. */
export async function insertGameSession(
  tx: Tx,
  host: AuthUser,
  input: z.output<typeof SessionCreateInput>,
  now: Date,
  config: CreateConfig,
) {
  const { reminderMinutes, ...given } = input;
  const fields = await describedFields(tx, given);
  // Touching the host's row first serializes their concurrent creations, so two
  // at once cannot both slip under the cap.
  await tx.user.update({ where: { id: host.id }, data: { updatedAt: now } });
  await assertUnderHostCap(tx, host.id, config.HOST_SESSION_CAP);
  const created = await tx.gameSession.create({
    data: { ...fields, hostId: host.id, joinCode: newJoinCode(), version: 1, createdAt: now },
    select: { id: true },
  });
  await scheduleReminders(tx, created.id, input.startsAt, reminderMinutes, now);
  await queueSessionPosts(tx, [created.id], "session_created", (s) => `New session: "${s.title}"`, now);
  await tx.participant.create({
    data: { gameSessionId: created.id, userId: host.id, role: "master", status: "joined", joinOrder: 0, joinedAt: now },
  });
  return created;
}

/**
 * A new session has no players yet: starting inside the cutoff, it would be past its
 * deadline already and the next sweep would cancel it before anyone could join.
 */
export function assertTimeToFill(startsAt: Date, now: Date, cutoffMinutes: number): void {
  if (cancelDeadline(startsAt, cutoffMinutes) <= now) {
    throw refuseField(
      "startsAt",
      `Start at least ${cutoffMinutes} minutes from now, so players can join before the minimum-players deadline.`,
    );
  }
}

export async function updateGameSession(deps: ChangeDeps, input: z.output<typeof SessionUpdateInput>, now: Date) {
  const { sessionId, reminderMinutes, tags, ...changes } = input;
  if (changes.venueId) await assertVenueExists(deps.db, changes.venueId);
  assertWebhookUsable(changes.discordWebhookUrl, deps.config);
  await changeGameSession(deps, sessionId, async (tx, gameSession, outbox) => {
    assertNotFinal(gameSession, "edited");
    assertVisibilityFits(changes.visibility, gameSession.campaignId);
    const startsAt = changes.startsAt ?? gameSession.startsAt;
    const endsAt = changes.endsAt === undefined ? gameSession.endsAt : changes.endsAt;
    const minPlayers = changes.minPlayers ?? gameSession.minPlayers;
    const maxPlayers = changes.maxPlayers ?? gameSession.maxPlayers;
    if (changes.startsAt && gameSession.status === "scheduled") {
      if (changes.startsAt <= now) {
        throw refuseField("startsAt", "The session must start in the future.");
      }
      // Moving a session short of players inside the cutoff would get it cancelled at once.
      if (gameSession.playerCount < (changes.minPlayers ?? gameSession.minPlayers)) {
        assertTimeToFill(changes.startsAt, now, deps.config.CANCEL_CUTOFF_MINUTES);
      }
    }
    if (endsAt && endsAt <= startsAt) {
      throw refuseField("endsAt", "The end must come after the start.");
    }
    if (minPlayers > maxPlayers) {
      throw refuseField("minPlayers", "The minimum cannot be more than the maximum.");
    }
    if (maxPlayers < gameSession.playerCount) {
      throw conflict(
        `${gameSession.playerCount} players have joined; remove some before lowering the maximum to ${maxPlayers}.`,
      );
    }
    const venueBefore = await tx.gameSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { venue: { select: { id: true, name: true } } },
    });
    const updated = await tx.gameSession.update({
      where: { id: sessionId },
      // A new start is a new chance to fill: it may have its own last call.
      data: {
        ...changes,
        ...(tags ? { tags: tagsColumn(tags) } : {}),
        ...(changes.startsAt ? { lastCallAt: null } : {}),
        updatedAt: now,
      },
      select: { venue: { select: { id: true, name: true } } },
    });
    if (reminderMinutes || changes.startsAt) {
      const minutes = reminderMinutes ?? (await reminderMinutesOf(tx, sessionId));
      await scheduleReminders(tx, sessionId, startsAt, minutes, now);
    }
    await fillOpenSeats(tx, outbox, { ...gameSession, maxPlayers }, now);
    // Everyone with a seat or a waitlist place hears of a new time or venue (not the GM).
    const told = await tx.participant.findMany({
      where: { gameSessionId: sessionId, status: { in: ["joined", "waitlisted"] }, role: { not: "master" } },
      select: { userId: true },
    });
    const notices = rescheduleNotices(
      gameSession,
      { startsAt: gameSession.startsAt, endsAt: gameSession.endsAt, venue: venueBefore.venue },
      { startsAt, endsAt, venue: updated.venue },
      told.map((p) => p.userId),
    );
    await notify(tx, outbox, notices, now);
  });
}

/** A new join code; the old one stops working at once (a code that leaked, say). */
export async function regenerateJoinCode(db: Db, sessionId: string) {
  return db.gameSession.update({
    where: { id: sessionId },
    data: { joinCode: newJoinCode() },
    select: { joinCode: true },
  });
}

/** Only sessions nobody else depends on can be deleted: cancel the others, so players hear of it. */
export async function deleteGameSession(deps: ChangeDeps, sessionId: string): Promise<void> {
  await changeGameSession(deps, sessionId, async (tx, gameSession) => {
    if (gameSession.startedAt || (gameSession.status !== "scheduled" && gameSession.status !== "cancelled")) {
      throw conflict("A session that has started keeps its record and cannot be deleted.");
    }
    if (gameSession.status === "scheduled") {
      const others = await tx.participant.count({
        where: { gameSessionId: sessionId, role: { not: "master" }, status: { not: "left" } },
      });
      if (others > 0) throw conflict("People have joined this session: cancel it instead, so they are told.");
    }
    await tx.gameSession.delete({ where: { id: sessionId } });
  });
}

// --- the status machine -------------------------------------------------------

export type StatusAction = "start" | "pause" | "resume" | "end" | "cancel";

/** Which statuses each action leaves from, and where it goes. Completed and cancelled are final. */
export const TRANSITIONS: Record<StatusAction, { from: GameSessionStatus[]; to: GameSessionStatus }> = {
  start: { from: ["scheduled"], to: "active" },
  pause: { from: ["active"], to: "paused" },
  resume: { from: ["paused"], to: "active" },
  end: { from: ["active", "paused"], to: "completed" },
  cancel: { from: ["scheduled", "active", "paused"], to: "cancelled" },
};

export async function changeGameSessionStatus(
  deps: ChangeDeps,
  actor: AuthUser,
  sessionId: string,
  action: StatusAction,
  now: Date,
  cancelReason?: string,
) {
  return changeGameSession(deps, sessionId, async (tx, gameSession, outbox) => {
    const { from, to } = TRANSITIONS[action];
    if (!from.includes(gameSession.status)) {
      throw conflict(`Cannot ${action} a session that is ${gameSession.status}.`);
    }
    const updated = await tx.gameSession.update({
      where: { id: sessionId },
      data: { status: to, updatedAt: now, ...statusFields(action, gameSession, now, cancelReason) },
      select: {
        id: true,
        status: true,
        startedAt: true,
        endedAt: true,
        durationMinutes: true,
        cancelledAt: true,
        cancelReason: true,
      },
    });
    if (action === "start" || action === "cancel") await tellParticipants(tx, outbox, gameSession, actor, action, now);
    if (action === "cancel") {
      await queueSessionPosts(tx, [sessionId], "session_cancelled", (s) => `"${s.title}" was cancelled.`, now);
    }
    // A finished or cancelled session has nobody at its table.
    if (to === "completed" || to === "cancelled") await goOffline(tx, outbox, { gameSessionId: sessionId }, () => now);
    return updated;
  });
}

function statusFields(action: StatusAction, s: LockedGameSession, now: Date, cancelReason?: string) {
  const pausedSoFar = s.pausedMinutes + (s.pausedAt ? minutesBetween(s.pausedAt, now) : 0);
  switch (action) {
    case "start":
      return { startedAt: now };
    case "pause":
      return { pausedAt: now };
    case "resume":
      return { pausedAt: null, pausedMinutes: pausedSoFar };
    case "end":
      return {
        endedAt: now,
        pausedAt: null,
        pausedMinutes: pausedSoFar,
        durationMinutes: Math.max(0, minutesBetween(s.startedAt ?? now, now) - pausedSoFar),
      };
    case "cancel":
      return { cancelledAt: now, pausedAt: null, cancelReason: cancelReason ?? "cancelled_by_gm" };
  }
}

async function tellParticipants(
  tx: Tx,
  outbox: Outbox,
  s: LockedGameSession,
  actor: AuthUser,
  action: "start" | "cancel",
  now: Date,
) {
  const participants = await tx.participant.findMany({
    where: { gameSessionId: s.id, status: { in: ["joined", "waitlisted"] }, userId: { not: actor.id } },
    select: { userId: true },
  });
  await notify(
    tx,
    outbox,
    participants.map(({ userId }) =>
      action === "start"
        ? { userId, type: "session_started" as const, gameSessionId: s.id, title: `"${s.title}" has started.` }
        : { userId, type: "session_cancelled" as const, gameSessionId: s.id, title: `"${s.title}" was cancelled.` },
    ),
    now,
  );
}

function assertNotFinal(gameSession: LockedGameSession, verb: string): void {
  if (gameSession.status === "completed" || gameSession.status === "cancelled") {
    throw conflict(`A ${gameSession.status} session cannot be ${verb}.`);
  }
}

export async function assertMayScheduleInCampaign(db: Db, user: AuthUser, campaignId: string): Promise<void> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { gmId: true, archivedAt: true },
  });
  if (!campaign) throw new TRPCError({ code: "NOT_FOUND", message: "No such campaign." });
  if (campaign.gmId !== user.id && user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only the campaign's GM may schedule its sessions." });
  }
  if (campaign.archivedAt) throw conflict("This campaign is archived.");
}

export async function assertVenueExists(db: Db, venueId: string): Promise<void> {
  if (!(await db.venue.findUnique({ where: { id: venueId }, select: { id: true } }))) {
    throw new TRPCError({ code: "NOT_FOUND", message: "No such venue." });
  }
}
