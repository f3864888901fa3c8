// Closing an account: everything personal goes, the records others keep stay whole.
// The user row itself stays, emptied (no address, name, password, zone or feed) and
// named "Former member", so a session log, a past table or a campaign they ran still
// reads, and no reference dangles. Before that, what they were part of moves on:
// their sessions still to come are cancelled with notice to the players, their
// series end, their open polls close, their campaigns go to an admin (or are archived
// when there is none), and their seats in open sessions are given up (the waitlist
// moves up).
// Each step finds what is still left to do, so a close cut short (a crash, a refusal
// part way) finishes when it is asked again.
import type { Db } from "../db/client.ts";
import { leaveGameSession } from "../participants/rules.ts";
import { closePoll } from "../polls/rules.ts";
import type { Services } from "../services.ts";
import { changeGameSessionStatus } from "../sessions/rules.ts";
import { OPEN_STATUSES } from "../sessions/statuses.ts";
import { assertPassword } from "./account-settings.ts";
import type { AuthUser } from "./lucia.ts";

const FORMER_MEMBER = "Former member";

type ClosingServices = Pick<Services, "db" | "events" | "config" | "signInLimiter">;

export async function closeAccount(
  services: ClosingServices,
  user: AuthUser,
  password: string,
  clientIp: string,
  now: Date,
) {
  await assertPassword(services, user, password, "password", clientIp);
  await handOverWhatTheyRan(services, user, now);
  await leaveOpenSessions(services, user, now);
  await forgetThePerson(services.db, user, now);
  // Every stream they had open, on every process, checks again and ends.
  services.events.publish("access", user.id, { reason: "signed-out" });
  return { closed: true };
}

async function handOverWhatTheyRan(services: ClosingServices, user: AuthUser, now: Date) {
  const { db } = services;
  await db.sessionSeries.updateMany({ where: { hostId: user.id, endedAt: null }, data: { endedAt: now } });
  const hosted = await db.gameSession.findMany({
    where: { hostId: user.id, status: { in: [...OPEN_STATUSES] } },
    select: { id: true },
  });
  for (const { id } of hosted) {
    await changeGameSessionStatus(services, user, id, "cancel", now, "The GM closed their Quorum account.");
  }
  const polls = await db.availabilityPoll.findMany({
    where: { hostId: user.id, closedAt: null },
    select: { id: true },
  });
  for (const { id } of polls) await closePoll(services, user, id, now);

  const admin = await db.user.findFirst({
    where: { role: "admin", deletedAt: null, id: { not: user.id } },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  if (admin) {
    await db.campaign.updateMany({ where: { gmId: user.id }, data: { gmId: admin.id } });
  } else {
    await db.campaign.updateMany({ where: { gmId: user.id, archivedAt: null }, data: { archivedAt: now } });
  }
}

async function leaveOpenSessions(services: ClosingServices, user: AuthUser, now: Date) {
  const seats = await services.db.participant.findMany({
    where: {
      userId: user.id,
      status: { in: ["joined", "waitlisted"] },
      role: { not: "master" },
      gameSession: { status: { in: [...OPEN_STATUSES] } },
    },
    select: { gameSessionId: true },
  });
  for (const { gameSessionId } of seats) await leaveGameSession(services, user, gameSessionId, now);
}

/** One transaction: the person's own rows go, and the user row keeps nothing of them. */
async function forgetThePerson(db: Db, user: AuthUser, now: Date) {
  const { email } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } });
  const mine = { userId: user.id };
  await db.$transaction([
    db.authSession.deleteMany({ where: mine }),
    db.apiToken.deleteMany({ where: mine }),
    db.emailToken.deleteMany({ where: mine }),
    db.notification.deleteMany({ where: mine }),
    db.notificationPreference.deleteMany({ where: mine }),
    db.presence.deleteMany({ where: mine }),
    db.presenceStream.deleteMany({ where: mine }),
    db.campaignMember.deleteMany({ where: mine }),
    // Answers to a poll still open would seat them at its pick; a decided poll's stay.
    db.pollAnswer.deleteMany({ where: { ...mine, option: { poll: { closedAt: null } } } }),
    // The outbox holds their address (sent or not): none of it is kept.
    db.outgoingMessage.deleteMany({ where: { OR: [mine, { recipient: email }] } }),
    // Sign-in and email budgets are counted under the address.
    db.rateLimiterFlexible.deleteMany({ where: { key: { contains: email } } }),
    // Characters are theirs; one a session record tells of stays there, by name only.
    db.character.deleteMany({ where: { ownerId: user.id, developments: { none: {} } } }),
    db.character.updateMany({ where: { ownerId: user.id }, data: { description: "" } }),
    db.user.update({
      where: { id: user.id },
      data: {
        email: `former-member-${user.id}@deleted.invalid`,
        displayName: FORMER_MEMBER,
        passwordHash: null,
        role: "user",
        calendarFeedHash: null,
        timeZone: "UTC",
        emailVerifiedAt: null,
        deletedAt: now,
      },
    }),
  ]);
}
