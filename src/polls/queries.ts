// What a poll's page shows, the same for everyone with its link: each date with every
// answer, and who answered. The live stream sends this whole snapshot after each change.
import type { AuthUser } from "../auth/lucia.ts";
import { assertCampaignReader } from "../campaigns/access.ts";
import type { Db } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { describeRepetition, type Repetition } from "../series/recurrence.ts";
import type { PollChoice } from "./choices.ts";

const pollSelect = {
  id: true,
  code: true,
  version: true,
  title: true,
  description: true,
  durationMinutes: true,
  minPlayers: true,
  maxPlayers: true,
  repeat: true,
  timeZone: true,
  closedAt: true,
  pickedOptionId: true,
  gameSessionId: true,
  createdAt: true,
  host: { select: { id: true, displayName: true } },
  campaign: { select: { id: true, title: true } },
  venue: { select: { id: true, name: true } },
  options: {
    orderBy: { startsAt: "asc" },
    select: {
      id: true,
      startsAt: true,
      answers: {
        orderBy: [{ answeredAt: "asc" }, { userId: "asc" }],
        select: { userId: true, choice: true, answeredAt: true, user: { select: { displayName: true } } },
      },
    },
  },
} satisfies Prisma.AvailabilityPollSelect;

export type PollView = NonNullable<Awaited<ReturnType<typeof getPollView>>>;

/** The poll by id or by its link's code; null when there is none. */
export async function getPollView(db: Db, where: { id: string } | { code: string }) {
  const poll = await db.availabilityPoll.findUnique({ where, select: pollSelect });
  if (!poll) return null;
  const { options, repeat, ...rest } = poll;
  // Everyone who answered, in the order they first did.
  const voters = new Map<string, { userId: string; displayName: string; firstAnsweredAt: Date }>();
  for (const answer of options.flatMap((option) => option.answers)) {
    const known = voters.get(answer.userId);
    if (!known || answer.answeredAt < known.firstAnsweredAt) {
      voters.set(answer.userId, {
        userId: answer.userId,
        displayName: answer.user.displayName,
        firstAnsweredAt: answer.answeredAt,
      });
    }
  }
  return {
    ...rest,
    repeat: repeat as Repetition | null,
    repeatText: repeat ? describeRepetition(repeat as Repetition) : null,
    voters: [...voters.values()]
      .sort((a, b) => a.firstAnsweredAt.getTime() - b.firstAnsweredAt.getTime())
      .map(({ userId, displayName }) => ({ userId, displayName })),
    options: options.map((option) => ({
      id: option.id,
      startsAt: option.startsAt,
      answers: option.answers.map((a) => ({ userId: a.userId, choice: a.choice as PollChoice })),
      yes: option.answers.filter((a) => a.choice === "yes").length,
      ifNeedBe: option.answers.filter((a) => a.choice === "if_need_be").length,
    })),
  };
}

/**
 * A campaign's polls (for its members and GM), or the caller's own: those they host,
 * answered, or that ask a campaign of theirs. Open ones first, then the newest.
 */
export async function listPolls(db: Db, user: AuthUser, campaignId: string | undefined) {
  if (campaignId) await assertCampaignReader(db, user, campaignId);
  const where: Prisma.AvailabilityPollWhereInput = campaignId
    ? { campaignId }
    : {
        OR: [
          { hostId: user.id },
          { options: { some: { answers: { some: { userId: user.id } } } } },
          { campaign: { members: { some: { userId: user.id } } } },
        ],
      };
  const select = {
    id: true,
    code: true,
    title: true,
    closedAt: true,
    gameSessionId: true,
    createdAt: true,
    host: { select: { id: true, displayName: true } },
    campaign: { select: { id: true, title: true } },
    options: { orderBy: { startsAt: "asc" }, select: { startsAt: true } },
  } satisfies Prisma.AvailabilityPollSelect;
  // The open polls (few: they close when decided), then the latest closed ones.
  const [open, closed] = await Promise.all([
    db.availabilityPoll.findMany({
      where: { AND: [where, { closedAt: null }] },
      orderBy: { createdAt: "desc" },
      take: 100,
      select,
    }),
    db.availabilityPoll.findMany({
      where: { AND: [where, { closedAt: { not: null } }] },
      orderBy: { closedAt: "desc" },
      take: 20,
      select,
    }),
  ]);
  return [...open, ...closed].map(({ options, ...poll }) => ({
    ...poll,
    optionCount: options.length,
    firstDate: options[0]?.startsAt ?? null,
  }));
}
