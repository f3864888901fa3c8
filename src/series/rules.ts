// Recurring series: creating one (its first occurrences at once, the rest by the
// horizon job), editing "this and following", and ending it. Each occurrence is an
// ordinary game session; "this session only" edits and single cancellations go through
// the session procedures like any other.
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { AuthUser } from "../auth/lucia.ts";
import type { Config } from "../config.ts";
import type { Db, Tx } from "../db/client.ts";
import { newOutbox, type Outbox } from "../events/outbox.ts";
import { newJoinCode } from "../join-codes.ts";
import { queueSessionPosts } from "../outgoing/queue.ts";
import { announceChanges, type ChangeDeps } from "../sessions/change.ts";
import { cancelDeadline } from "../sessions/deadline.ts";
import { assertVisibilityFits, describedFields, tagsColumn } from "../sessions/game-description.ts";
import { assertUnderHostCap } from "../sessions/host-cap.ts";
import type { SessionUpdateInput } from "../sessions/inputs.ts";
import { scheduleReminders } from "../sessions/reminders.ts";
import { assertMayCreateSession, changeGameSessionStatus, updateGameSession } from "../sessions/rules.ts";
import { refuseField } from "../validation.ts";
import type { SeriesCreateInput } from "./inputs.ts";
import { nextOccurrence, occurrencesBetween, ruleText, shiftWall, shiftWithinDay, wallDate } from "./recurrence.ts";
import { seatMembers } from "./seating.ts";

export type SeriesDeps = ChangeDeps;

const DAY = 86_400_000;
/** How far ahead occurrences exist: the horizon job keeps this window filled. */
export const horizonOf = (now: Date, config: Pick<Config, "SERIES_HORIZON_DAYS">) =>
  new Date(now.getTime() + config.SERIES_HORIZON_DAYS * DAY);

/** What a new occurrence copies from its series. */
const templateSelect = {
  id: true,
  hostId: true,
  campaignId: true,
  rule: true,
  timeZone: true,
  firstStartsAt: true,
  createdUntil: true,
  seatMembers: true,
  title: true,
  description: true,
  visibility: true,
  gameSystem: true,
  tags: true,
  language: true,
  experienceLevel: true,
  contentRating: true,
  contentNotes: true,
  online: true,
  venueId: true,
  durationMinutes: true,
  minPlayers: true,
  maxPlayers: true,
  allowLateJoin: true,
  voiceChannelId: true,
  discordWebhookUrl: true,
  reminderMinutes: true,
} as const;
const loadTemplate = (tx: Tx | Db, seriesId: string) =>
  tx.sessionSeries.findUniqueOrThrow({ where: { id: seriesId }, select: templateSelect });

export async function createSeries(
  deps: SeriesDeps,
  host: AuthUser,
  input: z.output<typeof SeriesCreateInput>,
  now: Date,
) {
  await assertMayCreateSeries(deps.db, host, input, now, deps.config);
  const outbox = newOutbox();
  const created = await deps.db.$transaction((tx) => insertSeries(tx, outbox, host, input, now, deps.config));
  await announceChanges(deps, created.sessionIds, outbox);
  return created;
}

/** What refuses a new series before anything is written. */
export async function assertMayCreateSeries(
  db: Db,
  host: AuthUser,
  input: z.output<typeof SeriesCreateInput>,
  now: Date,
  config: Config,
) {
  await assertMayCreateSession(db, host, input, now, config);
  if (input.seatMembers && !input.campaignId) {
    throw refuseField("seatMembers", "Only a campaign's series can seat its members: choose the campaign.");
  }
  if (input.repeat.until && input.repeat.until < wallDate(input.startsAt, input.timeZone)) {
    throw refuseField("until", "The last day must not come before the first session.");
  }
}

/**
 * Inside the creating transaction (checked first by assertMayCreateSeries): the cap,
 * the series, its occurrences up to the horizon. Returns the series and its sessions' ids.
 */
export async function insertSeries(
  tx: Tx,
  outbox: Outbox,
  host: AuthUser,
  input: z.output<typeof SeriesCreateInput>,
  now: Date,
  config: Config,
) {
  const { repeat, timeZone, reminderMinutes, startsAt, endsAt, ...given } = input;
  const fields = await describedFields(tx, given);
  // Serializes this host's creations, so two at once cannot both slip under the cap.
  await tx.user.update({ where: { id: host.id }, data: { updatedAt: now } });
  await assertUnderHostCap(tx, host.id, config.HOST_SESSION_CAP);
  const series = await tx.sessionSeries.create({
    data: {
      ...fields,
      hostId: host.id,
      rule: ruleText(repeat, startsAt, timeZone),
      timeZone,
      firstStartsAt: startsAt,
      createdUntil: new Date(startsAt.getTime() - 1),
      durationMinutes: endsAt ? Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000) : null,
      reminderMinutes,
      createdAt: now,
    },
    select: { id: true },
  });
  const sessionIds = await createOccurrences(tx, outbox, series.id, horizonOf(now, config), now, config, true);
  const [first] = sessionIds;
  if (!first) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "The series has no first session." });
  // One post for the series (its first date), not one per occurrence.
  await queueSessionPosts(tx, [first], "session_created", (s) => `New series: "${s.title}"`, now);
  return { seriesId: series.id, firstSessionId: first, sessionIds };
}

/**
 * Creates the series' occurrences after its createdUntil up to `upTo`, and moves
 * createdUntil there (or ends the series when its rule has no more). An occurrence
 * whose under-fill deadline has passed already (the job was down) is skipped, not
 * created to be cancelled at once. Returns the new sessions' ids, in time order.
 */
export async function createOccurrences(
  tx: Tx,
  outbox: Outbox,
  seriesId: string,
  upTo: Date,
  now: Date,
  config: Pick<Config, "CANCEL_CUTOFF_MINUTES">,
  creating = false,
): Promise<string[]> {
  const series = await loadTemplate(tx, seriesId);
  const moments = occurrencesBetween(series, series.createdUntil, upTo).filter(
    (moment) => cancelDeadline(moment, config.CANCEL_CUTOFF_MINUTES) > now,
  );
  const ids: string[] = [];
  for (const startsAt of moments) {
    const { id } = await tx.gameSession.create({
      data: {
        title: series.title,
        description: series.description,
        visibility: series.visibility,
        gameSystem: series.gameSystem,
        tags: series.tags,
        language: series.language,
        experienceLevel: series.experienceLevel,
        contentRating: series.contentRating,
        contentNotes: series.contentNotes,
        online: series.online,
        campaignId: series.campaignId,
        venueId: series.venueId,
        hostId: series.hostId,
        startsAt,
        endsAt: series.durationMinutes === null ? null : new Date(startsAt.getTime() + series.durationMinutes * 60_000),
        minPlayers: series.minPlayers,
        maxPlayers: series.maxPlayers,
        allowLateJoin: series.allowLateJoin,
        voiceChannelId: series.voiceChannelId,
        discordWebhookUrl: series.discordWebhookUrl,
        joinCode: newJoinCode(),
        version: 1,
        seriesId,
        occurrenceAt: startsAt,
        createdAt: now,
      },
      select: { id: true },
    });
    await tx.participant.create({
      data: { gameSessionId: id, userId: series.hostId, role: "master", status: "joined", joinOrder: 0, joinedAt: now },
    });
    await scheduleReminders(tx, id, startsAt, series.reminderMinutes as number[], now);
    // At the series' creation, members hear of the first date only, not of eight at once.
    if (series.seatMembers) await seatMembers(tx, outbox, series, id, now, { tell: ids.length === 0 || !creating });
    ids.push(id);
  }
  const more = nextOccurrence(series, upTo) !== null;
  await tx.sessionSeries.update({
    where: { id: seriesId },
    data: { createdUntil: upTo, ...(more ? {} : { endedAt: now }) },
  });
  return ids;
}

/** The series' occurrences from `from` on that have not started: what series edits may touch. */
const followingOccurrences = (tx: Tx | Db, seriesId: string, from: Date, now: Date) =>
  tx.gameSession.findMany({
    where: {
      seriesId,
      status: "scheduled",
      startedAt: null,
      startsAt: { gt: now },
      occurrenceAt: { gte: from },
    },
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true, endsAt: true, occurrenceAt: true, playerCount: true },
  });

async function seriesOfSession(db: Db, sessionId: string) {
  const session = await db.gameSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: { seriesId: true, occurrenceAt: true, startsAt: true, status: true, startedAt: true, campaignId: true },
  });
  if (!session.seriesId || !session.occurrenceAt) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "This session is not part of a series." });
  }
  return { ...session, seriesId: session.seriesId, occurrenceAt: session.occurrenceAt };
}

/**
 * Applies an edit to this occurrence and every following one that has not started, and
 * to the occurrences created later. Started, ended and cancelled occurrences are never
 * rewritten. A new time must stay on the same day (the series keeps its days).
 */
export async function updateFollowing(
  deps: SeriesDeps,
  input: z.output<typeof SessionUpdateInput>,
  now: Date,
): Promise<{ updated: number }> {
  const { db } = deps;
  const { sessionId, startsAt, endsAt, reminderMinutes, ...fields } = input;
  const here = await seriesOfSession(db, sessionId);
  assertVisibilityFits(fields.visibility, here.campaignId);
  if (here.status !== "scheduled" || here.startedAt || here.startsAt <= now) {
    throw new TRPCError({
      code: "CONFLICT",
      message: "This session has started or ended: edit the following ones from one that has not.",
    });
  }
  const series = await loadTemplate(db, here.seriesId);
  // The same shift of the wall clock (say 19:00 to 18:30) for every following occurrence.
  const shift = startsAt ? shiftWithinDay(here.startsAt, startsAt, series.timeZone) : 0;
  if (shift === null) {
    throw refuseField(
      "startsAt",
      "A series keeps its day: change the time on the same day, or end the series and start a new one.",
    );
  }
  const following = await followingOccurrences(db, here.seriesId, here.occurrenceAt, now);
  const maxPlayers = fields.maxPlayers;
  if (maxPlayers !== undefined) {
    const fuller = following.find((o) => o.playerCount > maxPlayers);
    if (fuller) {
      throw new TRPCError({
        code: "CONFLICT",
        message: `${fuller.playerCount} players have joined the session of ${fuller.startsAt.toISOString().slice(0, 10)}; remove some before lowering the maximum to ${maxPlayers}.`,
      });
    }
  }
  const movedBy = (moment: Date) => shiftWall(moment, shift, series.timeZone);
  const durationMinutes =
    endsAt === undefined
      ? undefined
      : endsAt === null
        ? null
        : Math.round((endsAt.getTime() - (startsAt ?? here.startsAt).getTime()) / 60_000);
  // The series first: its template for later occurrences, and the following
  // occurrences' keys at their new moments (so none is created twice).
  await db.$transaction(async (tx) => {
    await tx.sessionSeries.update({
      where: { id: here.seriesId },
      data: {
        ...fields,
        tags: fields.tags && tagsColumn(fields.tags),
        ...(reminderMinutes ? { reminderMinutes } : {}),
        ...(durationMinutes !== undefined ? { durationMinutes } : {}),
        ...(shift ? { firstStartsAt: movedBy(series.firstStartsAt), createdUntil: movedBy(series.createdUntil) } : {}),
        updatedAt: now,
      },
    });
    if (shift) {
      for (const occurrence of following) {
        await tx.gameSession.update({
          where: { id: occurrence.id },
          data: { occurrenceAt: movedBy(occurrence.occurrenceAt as Date) },
        });
      }
    }
  });
  // Then each occurrence, through the ordinary edit: its players hear of a new time or
  // venue, its waitlist moves up into new seats, its reminders follow.
  for (const occurrence of following) {
    const newStart = shift ? movedBy(occurrence.startsAt) : undefined;
    // A moved occurrence keeps its length unless the edit gives a new one.
    const length =
      durationMinutes === undefined
        ? occurrence.endsAt && occurrence.endsAt.getTime() - occurrence.startsAt.getTime()
        : durationMinutes && durationMinutes * 60_000;
    const newEnd =
      durationMinutes === undefined && !newStart
        ? undefined
        : length === null
          ? null
          : new Date((newStart ?? occurrence.startsAt).getTime() + length);
    await updateGameSession(
      deps,
      { sessionId: occurrence.id, ...fields, reminderMinutes, startsAt: newStart, endsAt: newEnd },
      now,
    );
  }
  return { updated: following.length };
}

/**
 * Ends the series: no more occurrences are created, and every following one that has
 * not started is cancelled, its players told. Those that ran keep their records.
 */
export async function endSeries(deps: SeriesDeps, actor: AuthUser, sessionId: string, now: Date) {
  const here = await seriesOfSession(deps.db, sessionId);
  await deps.db.sessionSeries.update({ where: { id: here.seriesId }, data: { endedAt: now } });
  const following = await followingOccurrences(deps.db, here.seriesId, new Date(0), now);
  for (const occurrence of following) {
    await changeGameSessionStatus(deps, actor, occurrence.id, "cancel", now, "The series has ended.");
  }
  return { cancelled: following.length };
}
