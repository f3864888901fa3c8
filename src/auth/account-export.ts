// "Export my data": everything Quorum holds about a person, as one JSON document. Their
// own rows in full (less secrets: password and token hashes), and of what they share
// with others (sessions they joined, polls they answered) the part that is about them.
import type { Db } from "../db/client.ts";

export async function exportAccount(db: Db, userId: string, now: Date) {
  const mine = { userId };
  const [
    account,
    devices,
    apiTokens,
    preferences,
    notifications,
    campaignsRun,
    memberships,
    hostedSessions,
    hostedSeries,
    hostedPolls,
    seats,
    pollAnswers,
    characters,
    venues,
    scenarios,
    keyEvents,
    emails,
  ] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: userId },
      select: {
        id: true,
        email: true,
        displayName: true,
        role: true,
        timeZone: true,
        emailVerifiedAt: true,
        createdAt: true,
        updatedAt: true,
        calendarFeedHash: true,
      },
    }),
    db.authSession.findMany({
      where: mine,
      select: { createdAt: true, expiresAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db.apiToken.findMany({
      where: mine,
      select: { name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db.notificationPreference.findMany({ where: mine, select: { type: true, inApp: true, email: true } }),
    db.notification.findMany({
      where: mine,
      select: { type: true, title: true, body: true, data: true, gameSessionId: true, readAt: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db.campaign.findMany({ where: { gmId: userId }, orderBy: { createdAt: "asc" } }),
    db.campaignMember.findMany({
      where: mine,
      select: { role: true, joinedAt: true, campaign: { select: { id: true, title: true } } },
    }),
    db.gameSession.findMany({ where: { hostId: userId }, orderBy: { startsAt: "asc" } }),
    db.sessionSeries.findMany({ where: { hostId: userId }, orderBy: { createdAt: "asc" } }),
    db.availabilityPoll.findMany({
      where: { hostId: userId },
      include: { options: { select: { startsAt: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db.participant.findMany({
      // Their seats at tables; the GM's own place at their tables is in hostedSessions.
      where: { ...mine, role: { not: "master" } },
      select: {
        role: true,
        status: true,
        joinedAt: true,
        leftAt: true,
        removedAt: true,
        totalTimeMinutes: true,
        characterId: true,
        gameSession: { select: { id: true, title: true, startsAt: true, status: true } },
      },
      orderBy: { joinedAt: "asc" },
    }),
    db.pollAnswer.findMany({
      where: mine,
      select: {
        choice: true,
        answeredAt: true,
        option: { select: { startsAt: true, poll: { select: { id: true, title: true } } } },
      },
    }),
    db.character.findMany({
      where: { ownerId: userId },
      include: { developments: { select: { gameSessionId: true, text: true, createdAt: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db.venue.findMany({ where: { createdById: userId }, orderBy: { createdAt: "asc" } }),
    db.scenario.findMany({ where: { createdById: userId }, orderBy: { createdAt: "asc" } }),
    db.keyEvent.findMany({
      where: { createdById: userId },
      select: { gameSessionId: true, text: true, happenedAt: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db.outgoingMessage.findMany({
      where: mine,
      select: {
        channel: true,
        kind: true,
        recipient: true,
        subject: true,
        status: true,
        createdAt: true,
        sentAt: true,
      },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const { calendarFeedHash, ...profile } = account;
  return {
    exportedAt: now,
    account: { ...profile, calendarFeed: calendarFeedHash !== null },
    devices,
    apiTokens,
    notificationPreferences: preferences,
    notifications,
    campaignsRun,
    campaignMemberships: memberships,
    hostedSessions,
    hostedSeries,
    hostedPolls,
    sessionsJoined: seats,
    pollAnswers,
    characters,
    venues,
    scenarios,
    keyEvents,
    emails,
  };
}
