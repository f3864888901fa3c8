// Availability polls: a GM proposes dates, invitees answer yes / if need be / no for
// each, and the GM picks one. The pick creates the session (or the series whose first
// date it is) with the voters seated, tells everyone, and closes the poll, all in one
// transaction: a poll is decided once, however many clicks or processes try.
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { AuthUser } from "../auth/lucia.ts";
import type { Db, Tx } from "../db/client.ts";
import { newOutbox } from "../events/outbox.ts";
import { newJoinCode } from "../join-codes.ts";
import { notify } from "../notifications/store.ts";
import { seatInOrder } from "../participants/seats.ts";
import { SeriesCreateInput } from "../series/inputs.ts";
import { type Repetition, wallDate } from "../series/recurrence.ts";
import { assertMayCreateSeries, insertSeries, type SeriesDeps } from "../series/rules.ts";
import { announceChanges } from "../sessions/change.ts";
import { cancelDeadline } from "../sessions/deadline.ts";
import { SessionCreateInput } from "../sessions/inputs.ts";
import {
  assertMayCreateSession,
  assertMayScheduleInCampaign,
  assertVenueExists,
  insertGameSession,
} from "../sessions/rules.ts";
import { refuseField } from "../validation.ts";
import { type PollChoice, seatingOrder } from "./choices.ts";
import type { PollAnswerInput, PollCreateInput } from "./inputs.ts";
import { getPollView } from "./queries.ts";

export type PollDeps = SeriesDeps;

const closedRefusal = (forGm = false) =>
  new TRPCError({
    code: "CONFLICT",
    message: forGm
      ? "This poll is already decided or closed: reload it to see how."
      : "This poll is closed: its answers can no longer change.",
  });
export const noSuchPoll = () =>
  new TRPCError({ code: "NOT_FOUND", message: "No poll has this link: ask whoever sent it for a new one." });

export async function createPoll(deps: PollDeps, host: AuthUser, input: z.output<typeof PollCreateInput>, now: Date) {
  const { db } = deps;
  if (input.campaignId) await assertMayScheduleInCampaign(db, host, input.campaignId);
  if (input.venueId) await assertVenueExists(db, input.venueId);
  if (input.options.some((startsAt) => startsAt <= now)) {
    throw refuseField("options", "Every date must be in the future.");
  }
  // A date that could not be picked has no place in the poll (the pick checks the same).
  const cutoff = deps.config.CANCEL_CUTOFF_MINUTES;
  if (input.options.some((startsAt) => cancelDeadline(startsAt, cutoff) <= now)) {
    throw refuseField(
      "options",
      `Every date must be at least ${cutoff} minutes from now, so players can join before the minimum-players deadline.`,
    );
  }
  const latest = new Date(Math.max(...input.options.map((d) => d.getTime())));
  if (input.repeat?.until && input.repeat.until < wallDate(latest, input.timeZone)) {
    throw refuseField("repeat", "The series' last day must not come before the last date proposed.");
  }
  const { options, repeat, ...fields } = input;
  const outbox = newOutbox();
  const poll = await db.$transaction(async (tx) => {
    const created = await tx.availabilityPoll.create({
      data: {
        ...fields,
        ...(repeat ? { repeat } : {}),
        hostId: host.id,
        code: newJoinCode(),
        createdAt: now,
        options: { create: options.map((startsAt) => ({ startsAt })) },
      },
      select: { id: true, code: true, title: true, campaignId: true },
    });
    if (created.campaignId) {
      const members = await tx.campaignMember.findMany({
        where: { campaignId: created.campaignId, userId: { not: host.id } },
        select: { userId: true },
      });
      await notify(
        tx,
        outbox,
        members.map(({ userId }) => ({
          userId,
          type: "poll_opened" as const,
          title: `When can you play "${created.title}"?`,
          body: `${host.displayName} proposes ${options.length} dates: answer for each one.`,
          data: { pollCode: created.code },
        })),
        now,
      );
    }
    return created;
  });
  await announceChanges(deps, [], outbox);
  return poll;
}

/** Sets the caller's answers (some or all dates); the others see them at once. */
export async function answerPoll(deps: PollDeps, user: AuthUser, input: z.output<typeof PollAnswerInput>, now: Date) {
  const poll = await deps.db.availabilityPoll.findUnique({
    where: { code: input.code },
    select: { id: true, closedAt: true, options: { select: { id: true } } },
  });
  if (!poll) throw noSuchPoll();
  if (poll.closedAt) throw closedRefusal();
  const optionIds = new Set(poll.options.map((o) => o.id));
  if (input.answers.some((a) => !optionIds.has(a.optionId))) {
    throw refuseField("optionId", "That date is not one of this poll's: reload the poll and answer again.");
  }
  await deps.db.$transaction(async (tx) => {
    // Takes the poll's row lock: answers, the pick and closing run one after another.
    await lockOpenPoll(tx, poll.id);
    for (const { optionId, choice } of input.answers) {
      const existing = await tx.pollAnswer.findUnique({ where: { optionId_userId: { optionId, userId: user.id } } });
      // Saying the same again keeps one's place in the seating order.
      if (existing?.choice === choice) continue;
      await tx.pollAnswer.upsert({
        where: { optionId_userId: { optionId, userId: user.id } },
        create: { optionId, userId: user.id, choice, answeredAt: now },
        update: { choice, answeredAt: now },
      });
    }
  });
  return publishPoll(deps, poll.id);
}

async function lockOpenPoll(tx: Tx, pollId: string, close?: { pickedOptionId: string | null; now: Date }) {
  const { count } = await tx.availabilityPoll.updateMany({
    where: { id: pollId, closedAt: null },
    data: {
      version: { increment: 1 },
      ...(close ? { closedAt: close.now, pickedOptionId: close.pickedOptionId } : {}),
    },
  });
  if (count === 0) throw closedRefusal(!!close);
}

async function managedPoll(db: Db, actor: AuthUser, pollId: string) {
  const poll = await db.availabilityPoll.findUnique({
    where: { id: pollId },
    select: {
      id: true,
      code: true,
      hostId: true,
      campaignId: true,
      title: true,
      description: true,
      venueId: true,
      durationMinutes: true,
      minPlayers: true,
      maxPlayers: true,
      repeat: true,
      timeZone: true,
      closedAt: true,
      host: { select: { id: true, email: true, displayName: true, role: true } },
    },
  });
  if (!poll) throw noSuchPoll();
  if (poll.hostId !== actor.id && actor.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only the poll's GM or an admin may do that." });
  }
  if (poll.closedAt) throw closedRefusal(true);
  return poll;
}

/** Everyone the poll asked or who answered it, but its GM. */
async function askedPeople(tx: Tx, poll: { id: string; hostId: string; campaignId: string | null }) {
  const [voters, members] = await Promise.all([
    tx.pollAnswer.findMany({ where: { option: { pollId: poll.id } }, distinct: ["userId"], select: { userId: true } }),
    poll.campaignId
      ? tx.campaignMember.findMany({ where: { campaignId: poll.campaignId }, select: { userId: true } })
      : [],
  ]);
  return [...new Set([...voters, ...members].map((p) => p.userId))].filter((id) => id !== poll.hostId);
}

/**
 * The GM's pick: the session (or the series starting on that date) is created for the
 * poll's GM, the yes and if-need-be voters are seated in seatingOrder up to its seats
 * (the rest waitlisted in that order), everyone asked is told, and the poll closes.
 */
export async function pickOption(deps: PollDeps, actor: AuthUser, pollId: string, optionId: string, now: Date) {
  const { db, config } = deps;
  const poll = await managedPoll(db, actor, pollId);
  const option = await db.pollOption.findFirst({ where: { id: optionId, pollId }, select: { startsAt: true } });
  if (!option) throw refuseField("optionId", "That date is not one of this poll's.");
  if (option.startsAt <= now) throw refuseField("optionId", "That date has passed, so pick one still to come.");
  const session = {
    title: poll.title,
    description: poll.description,
    campaignId: poll.campaignId,
    venueId: poll.venueId,
    startsAt: option.startsAt,
    endsAt: poll.durationMinutes ? new Date(option.startsAt.getTime() + poll.durationMinutes * 60_000) : null,
    minPlayers: poll.minPlayers,
    maxPlayers: poll.maxPlayers,
  };
  const host = poll.host;
  const repeat = poll.repeat as Repetition | null;
  const seriesInput = repeat ? SeriesCreateInput.parse({ ...session, repeat, timeZone: poll.timeZone }) : null;
  const sessionInput = SessionCreateInput.parse(session);
  if (seriesInput) await assertMayCreateSeries(db, host, seriesInput, now, config);
  else await assertMayCreateSession(db, host, sessionInput, now, config);

  const outbox = newOutbox();
  const sessionIds = await db.$transaction(async (tx) => {
    await lockOpenPoll(tx, poll.id, { pickedOptionId: optionId, now });
    const ids = seriesInput
      ? (await insertSeries(tx, outbox, host, seriesInput, now, config)).sessionIds
      : [(await insertGameSession(tx, host, sessionInput, now, config)).id];
    const [first] = ids as [string];
    await tx.availabilityPoll.update({ where: { id: poll.id }, data: { gameSessionId: first } });
    // Read under the poll's lock: no answer changes between this read and the seating.
    const answers = await tx.pollAnswer.findMany({
      where: { optionId, userId: { not: poll.hostId } },
      orderBy: [{ answeredAt: "asc" }, { userId: "asc" }],
      select: { userId: true, choice: true, answeredAt: true },
    });
    const seated = seatingOrder(answers.map((a) => ({ ...a, choice: a.choice as PollChoice })));
    await seatInOrder(tx, outbox, { id: first, title: poll.title, maxPlayers: poll.maxPlayers }, seated, now, {
      tell: true,
    });
    const others = (await askedPeople(tx, poll)).filter((id) => !seated.includes(id));
    await notify(
      tx,
      outbox,
      others.map((userId) => ({
        userId,
        type: "poll_decided" as const,
        gameSessionId: first,
        title: `A date is chosen for "${poll.title}".`,
        body: "Open the session to see when, and join it if you can.",
        data: { pollCode: poll.code },
      })),
      now,
    );
    return ids;
  });
  await announceChanges(deps, sessionIds, outbox);
  await publishPoll(deps, poll.id);
  return { gameSessionId: sessionIds[0] as string };
}

/** Closes the poll without a date; those who answered are told. */
export async function closePoll(deps: PollDeps, actor: AuthUser, pollId: string, now: Date) {
  const poll = await managedPoll(deps.db, actor, pollId);
  const outbox = newOutbox();
  await deps.db.$transaction(async (tx) => {
    await lockOpenPoll(tx, poll.id, { pickedOptionId: null, now });
    await notify(
      tx,
      outbox,
      (await askedPeople(tx, poll)).map((userId) => ({
        userId,
        type: "poll_decided" as const,
        title: `The poll for "${poll.title}" closed without a date.`,
        body: `${poll.host.displayName} closed it; no session was created.`,
        data: { pollCode: poll.code },
      })),
      now,
    );
  });
  await announceChanges(deps, [], outbox);
  return publishPoll(deps, poll.id);
}

/** After commit: the poll's new state to everyone watching it. */
async function publishPoll(deps: PollDeps, pollId: string) {
  const view = await getPollView(deps.db, { id: pollId });
  if (!view) throw noSuchPoll();
  deps.events.publish("poll", pollId, view);
  return view;
}
