// Reading game sessions: the list with its filters and pages, one session, by join code.
// These are the hottest reads, so they run as typed SQL (db.$reads, src/db/reads.ts).
// Every read goes through one select shape, and only getGameSession adds GM notes
// and the join code, for the host GM and admins.
import { TRPCError } from "@trpc/server";
import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { z } from "zod";
import type { Db } from "../db/client.ts";
import type { Reads, Tables } from "../db/reads.ts";
import type { ParticipantRole, ParticipantStatus } from "../generated/prisma/enums.ts";
import { type ListPart, pageThroughParts } from "../pagination.ts";
import { waitlistPosition } from "../participants/seats.ts";
import { canManageSession } from "./access.ts";
import { cancelDeadline, playersNeeded } from "./deadline.ts";
import { tagList } from "./game-description.ts";
import type { SessionListInput } from "./inputs.ts";
import { reminderMinutesOf } from "./reminders.ts";
import { assertMaySeeSession, maySeeWithCode, type Viewer, visibleTo } from "./visibility.ts";

/**
 * A session as anyone allowed to see it sees it, with its host, campaign, venue and
 * waitlist size. Never GM notes or the join code: only `managerColumns` adds them.
 */
export function selectSessionViews(reads: Reads) {
  return reads
    .selectFrom("GameSession as s")
    .innerJoin("User as host", "host.id", "s.hostId")
    .leftJoin("Campaign as campaign", "campaign.id", "s.campaignId")
    .leftJoin("Scenario as scenario", "scenario.id", "campaign.scenarioId")
    .leftJoin("Venue as venue", "venue.id", "s.venueId")
    .select((eb) => [
      "s.id",
      "s.title",
      "s.description",
      "s.visibility",
      "s.gameSystem",
      "s.tags",
      "s.language",
      "s.experienceLevel",
      "s.contentRating",
      "s.contentNotes",
      "s.online",
      "s.status",
      // Counts the changes to status and seats; orders live updates.
      "s.version",
      "s.startsAt",
      "s.endsAt",
      "s.minPlayers",
      "s.maxPlayers",
      "s.playerCount",
      "s.allowLateJoin",
      "s.startedAt",
      "s.endedAt",
      "s.durationMinutes",
      "s.cancelledAt",
      "s.cancelReason",
      // No summary: the recap belongs to whoever may read the record (record.get).
      "s.voiceChannelId",
      "s.createdAt",
      "s.updatedAt",
      "s.hostId",
      "host.displayName as hostName",
      "s.campaignId",
      "s.seriesId",
      "campaign.title as campaignTitle",
      "scenario.gameSystem as scenarioGameSystem",
      "s.venueId",
      "venue.name as venueName",
      "venue.address as venueAddress",
      "venue.onlineUrl as venueOnlineUrl",
      eb
        .selectFrom("Participant as waiting")
        .select(eb.fn.countAll<number>().as("count"))
        .whereRef("waiting.gameSessionId", "=", "s.id")
        .where("waiting.status", "=", "waitlisted")
        .as("waitlistCount"),
    ]);
}

/** After the cursor's row, in the lists' (startsAt, id) order. */
export function afterInStartOrder(eb: ExpressionBuilder<Tables & { s: Tables["GameSession"] }, "s">, afterId: string) {
  const cursorStart = eb.selectFrom("GameSession as c").select("c.startsAt").where("c.id", "=", afterId);
  return eb.or([
    eb("s.startsAt", ">", cursorStart),
    eb.and([eb("s.startsAt", "=", cursorStart), eb("s.id", ">", afterId)]),
  ]);
}

/** What the host GM and admins see in addition. */
const managerColumns = ["s.gmNotes", "s.joinCode", "s.discordWebhookUrl"] as const;

type Row = Awaited<ReturnType<ReturnType<typeof selectSessionViews>["executeTakeFirstOrThrow"]>>;

/**
 * Nests the joined columns, and adds what the client shows but the table does not store:
 * seats left, the deadline. Field by field, not by rest and spread: on a page of 20 that
 * was a tenth of the list's CPU. Only these fields leave, whatever else `row` holds.
 */
export function present(row: Row, cutoffMinutes: number) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    visibility: row.visibility,
    gameSystem: row.gameSystem,
    tags: tagList(row.tags),
    language: row.language,
    experienceLevel: row.experienceLevel,
    contentRating: row.contentRating,
    contentNotes: row.contentNotes,
    online: row.online,
    status: row.status,
    version: row.version,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    minPlayers: row.minPlayers,
    maxPlayers: row.maxPlayers,
    playerCount: row.playerCount,
    allowLateJoin: row.allowLateJoin,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    durationMinutes: row.durationMinutes,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
    voiceChannelId: row.voiceChannelId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    hostId: row.hostId,
    /** Set when the session is an occurrence of a recurring series (series.ofSession tells its rule). */
    seriesId: row.seriesId,
    host: { id: row.hostId, displayName: row.hostName },
    campaign:
      row.campaignId && row.campaignTitle !== null
        ? {
            id: row.campaignId,
            title: row.campaignTitle,
            scenario: row.scenarioGameSystem === null ? null : { gameSystem: row.scenarioGameSystem },
          }
        : null,
    venue:
      row.venueId && row.venueName !== null
        ? { id: row.venueId, name: row.venueName, address: row.venueAddress, onlineUrl: row.venueOnlineUrl }
        : null,
    waitlistCount: row.waitlistCount ?? 0,
    openSeats: Math.max(0, row.maxPlayers - row.playerCount),
    playersNeeded: playersNeeded(row),
    cancelDeadline: cancelDeadline(row.startsAt, cutoffMinutes),
  };
}

/** A session as anyone allowed to see it sees it (no GM notes, no join code). */
export type GameSessionView = ReturnType<typeof present>;

/**
 * A session as a signed-out visitor sees it: the meeting link and the voice channel are
 * for the people playing, not for everyone who finds a public listing.
 */
export function forViewer<T extends GameSessionView>(viewer: Viewer, view: T): T {
  if (viewer) return view;
  return { ...view, voiceChannelId: null, venue: view.venue && { ...view.venue, onlineUrl: null } };
}

export async function getPublicGameSession(db: Db, sessionId: string, cutoffMinutes: number) {
  const [view] = await getPublicGameSessions(db, [sessionId], cutoffMinutes);
  return view ?? null;
}

export async function getPublicGameSessions(db: Db, sessionIds: string[], cutoffMinutes: number) {
  if (sessionIds.length === 0) return [];
  const rows = await selectSessionViews(db.$reads).where("s.id", "in", sessionIds).execute();
  return rows.map((row) => present(row, cutoffMinutes));
}

/**
 * Sessions matching the filters, by start time, with those of the viewer's campaigns
 * (as GM or member) first: a list in two parts, paged by one cursor.
 */
export async function listGameSessions(
  db: Db,
  viewer: Viewer,
  input: z.output<typeof SessionListInput>,
  cutoffMinutes: number,
) {
  if (input.mine && !viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to see your sessions." });
  const myCampaigns = viewer ? await campaignIdsOf(db, viewer.id) : [];
  /** A part of the list: the sessions of my campaigns, those of no campaign of mine, or all. */
  const part = (name: string, ofMyCampaigns: boolean | null): ListPart<GameSessionListItem> => ({
    name,
    fetch: async (afterId, take) => {
      const rows = await selectSessionViews(db.$reads)
        .where((eb) => {
          const conditions: Expression<SqlBool>[] = [visibleTo(eb, viewer, myCampaigns)];
          if (input.campaignId) conditions.push(eb("s.campaignId", "=", input.campaignId));
          if (input.venueId) conditions.push(eb("s.venueId", "=", input.venueId));
          if (input.from) conditions.push(eb("s.startsAt", ">=", input.from));
          if (input.to) conditions.push(eb("s.startsAt", "<", input.to));
          if (input.status) conditions.push(eb("s.status", "in", input.status));
          // Compares two columns of the row: the denormalized count against the cap.
          if (input.openSeats) conditions.push(eb("s.playerCount", "<", eb.ref("s.maxPlayers")));
          if (input.mine && viewer) {
            conditions.push(
              eb.or([
                eb("s.hostId", "=", viewer.id),
                eb.exists(
                  eb
                    .selectFrom("Participant as mine")
                    .select("mine.id")
                    .whereRef("mine.gameSessionId", "=", "s.id")
                    .where("mine.userId", "=", viewer.id)
                    .where("mine.status", "in", ["joined", "waitlisted"]),
                ),
              ]),
            );
          }
          if (ofMyCampaigns === true) conditions.push(eb("s.campaignId", "in", myCampaigns));
          if (ofMyCampaigns === false) {
            conditions.push(eb.or([eb("s.campaignId", "is", null), eb("s.campaignId", "not in", myCampaigns)]));
          }
          if (afterId) conditions.push(afterInStartOrder(eb, afterId));
          return eb.and(conditions);
        })
        .orderBy("s.startsAt", "asc")
        .orderBy("s.id", "asc")
        .limit(take)
        .execute();
      return listItems(db, viewer, rows, cutoffMinutes);
    },
  });
  const parts = myCampaigns.length === 0 ? [part("all", null)] : [part("campaigns", true), part("others", false)];
  return pageThroughParts(parts, input.limit, input.cursor);
}

/** Rows of a list as the viewer sees them, each with the viewer's place in it. */
export async function listItems(db: Db, viewer: Viewer, rows: Row[], cutoffMinutes: number) {
  const places = viewer
    ? await placesOf(
        db,
        viewer.id,
        rows.map((row) => row.id),
      )
    : new Map<string, MyPlace>();
  return rows.map(
    (row): GameSessionListItem => ({
      ...forViewer(viewer, present(row, cutoffMinutes)),
      myPlace: places.get(row.id) ?? null,
    }),
  );
}

/** The viewer's place in a session, for a list: their role, and their number on the waitlist. */
export type MyPlace = { role: ParticipantRole; status: ParticipantStatus; waitlistPosition: number | null };
export type GameSessionListItem = GameSessionView & { myPlace: MyPlace | null };

/** The viewer's places in these sessions, by session id (one query, plus one per waitlist place). */
async function placesOf(db: Db, userId: string, sessionIds: string[]): Promise<Map<string, MyPlace>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db.$reads
    .selectFrom("Participant")
    .select(["gameSessionId", "role", "status", "joinOrder"])
    .where("userId", "=", userId)
    .where("gameSessionId", "in", sessionIds)
    .where("status", "<>", "left")
    .execute();
  const places = new Map<string, MyPlace>();
  for (const row of rows) {
    places.set(row.gameSessionId, {
      role: row.role,
      status: row.status,
      waitlistPosition: await waitlistPosition(db, row),
    });
  }
  return places;
}

async function campaignIdsOf(db: Db, userId: string): Promise<string[]> {
  const campaigns = await db.$reads
    .selectFrom("Campaign")
    .select("Campaign.id")
    .where((eb) =>
      eb.or([
        eb("Campaign.gmId", "=", userId),
        eb.exists(
          eb
            .selectFrom("CampaignMember as member")
            .select("member.userId")
            .whereRef("member.campaignId", "=", "Campaign.id")
            .where("member.userId", "=", userId),
        ),
      ]),
    )
    .execute();
  return campaigns.map((c) => c.id);
}

/** One session, for a viewer who may see it by its id. */
export async function getGameSession(db: Db, viewer: Viewer, sessionId: string, cutoffMinutes: number) {
  await assertMaySeeSession(db, viewer, sessionId);
  return sessionFor(db, viewer, sessionId, cutoffMinutes);
}

/** The session a join code opens: unlisted ones too, never one kept to its campaign. */
export async function getGameSessionByJoinCode(db: Db, viewer: Viewer, code: string, cutoffMinutes: number) {
  const row = await db.gameSession.findUnique({
    where: { joinCode: code },
    select: { id: true, visibility: true, hostId: true, campaignId: true },
  });
  if (!row || !(await maySeeWithCode(db, viewer, row))) {
    throw new TRPCError({ code: "NOT_FOUND", message: "No session has that join code." });
  }
  const view = await sessionFor(db, viewer, row.id, cutoffMinutes);
  // The join page shows whether the viewer is in it already; an unlisted session's
  // participants are not theirs to list.
  const myPlace = viewer ? ((await placesOf(db, viewer.id, [row.id])).get(row.id) ?? null) : null;
  return { ...view, myPlace };
}

/** The session as this viewer sees it: with GM notes and the join code for its host GM and admins. */
async function sessionFor(db: Db, viewer: Viewer, sessionId: string, cutoffMinutes: number) {
  const row = await selectSessionViews(db.$reads)
    .select(managerColumns)
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such session." });
  const manages = viewer !== null && canManageSession(viewer, row);
  return {
    ...forViewer(viewer, present(row, cutoffMinutes)),
    // For the GM's edit form (players are simply reminded): one more query, only for them.
    reminderMinutes: manages ? await reminderMinutesOf(db, sessionId) : null,
    gmNotes: manages ? row.gmNotes : null,
    joinCode: manages ? row.joinCode : null,
    // A webhook URL lets anyone post to the channel: only the GM sees it.
    discordWebhookUrl: manages ? row.discordWebhookUrl : null,
  };
}
