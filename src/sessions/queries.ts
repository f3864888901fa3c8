// Reading game sessions: the list with its filters and pages, one session, by join code.
// Every read goes through one of two select shapes, so GM notes and join codes
// reach only the host GM and admins.
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { AuthUser } from "../auth/lucia.ts";
import type { Db } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { ParticipantRole, ParticipantStatus } from "../generated/prisma/enums.ts";
import { after, type ListPart, pageThroughParts } from "../pagination.ts";
import { waitlistPosition } from "../participants/seats.ts";
import { canManageSession } from "./access.ts";
import { cancelDeadline, playersNeeded } from "./deadline.ts";
import type { SessionListInput } from "./inputs.ts";

export const gameSessionView = {
  id: true,
  title: true,
  description: true,
  status: true,
  /** Counts the changes to status and seats; orders live updates. */
  version: true,
  startsAt: true,
  endsAt: true,
  minPlayers: true,
  maxPlayers: true,
  playerCount: true,
  allowLateJoin: true,
  startedAt: true,
  endedAt: true,
  durationMinutes: true,
  cancelledAt: true,
  cancelReason: true,
  // No summary: the recap belongs to whoever may read the record (record.get).
  voiceChannelId: true,
  createdAt: true,
  updatedAt: true,
  hostId: true,
  host: { select: { id: true, displayName: true } },
  campaign: { select: { id: true, title: true, scenario: { select: { gameSystem: true } } } },
  venue: { select: { id: true, name: true, address: true, onlineUrl: true } },
  _count: { select: { participants: { where: { status: "waitlisted" } } } },
} satisfies Prisma.GameSessionSelect;

/** What the host GM and admins see in addition. */
const managerView = { ...gameSessionView, gmNotes: true, joinCode: true } satisfies Prisma.GameSessionSelect;

type Row = Prisma.GameSessionGetPayload<{ select: typeof gameSessionView }>;

/** Adds what the client shows but the table does not store: seats left, waitlist, the deadline. */
function present<T extends Row>({ _count, ...row }: T, cutoffMinutes: number) {
  return {
    ...row,
    waitlistCount: _count.participants,
    openSeats: Math.max(0, row.maxPlayers - row.playerCount),
    playersNeeded: playersNeeded(row),
    cancelDeadline: cancelDeadline(row.startsAt, cutoffMinutes),
  };
}

/** A session as anyone allowed to see it sees it (no GM notes, no join code). */
export type GameSessionView = ReturnType<typeof present<Row>>;

export async function getPublicGameSession(db: Db, sessionId: string, cutoffMinutes: number) {
  const [view] = await getPublicGameSessions(db, [sessionId], cutoffMinutes);
  return view ?? null;
}

export async function getPublicGameSessions(db: Db, sessionIds: string[], cutoffMinutes: number) {
  const rows = await db.gameSession.findMany({ where: { id: { in: sessionIds } }, select: gameSessionView });
  return rows.map((row) => present(row, cutoffMinutes));
}

/**
 * Sessions matching the filters, by start time, with those of the viewer's campaigns
 * (as GM or member) first: a list in two parts, paged by one cursor.
 */
export async function listGameSessions(
  db: Db,
  viewer: AuthUser,
  input: z.output<typeof SessionListInput>,
  cutoffMinutes: number,
) {
  const filters: Prisma.GameSessionWhereInput = {
    campaignId: input.campaignId,
    venueId: input.venueId,
    startsAt: input.from || input.to ? { gte: input.from, lt: input.to } : undefined,
    status: input.status ? { in: input.status } : undefined,
    // Compares two columns of the row: the denormalized count against the cap.
    playerCount: input.openSeats ? { lt: db.gameSession.fields.maxPlayers } : undefined,
    OR: input.mine
      ? [
          { hostId: viewer.id },
          { participants: { some: { userId: viewer.id, status: { in: ["joined", "waitlisted"] } } } },
        ]
      : undefined,
  };
  const myCampaigns = await campaignIdsOf(db, viewer.id);
  const part = (name: string, where: Prisma.GameSessionWhereInput): ListPart<GameSessionListItem> => ({
    name,
    fetch: async (afterId, take) => {
      const rows = await db.gameSession.findMany({
        where: { AND: [filters, where] },
        select: gameSessionView,
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        take,
        ...after(afterId),
      });
      const places = await placesOf(
        db,
        viewer.id,
        rows.map((row) => row.id),
      );
      return rows.map((row) => ({ ...present(row, cutoffMinutes), myPlace: places.get(row.id) ?? null }));
    },
  });
  const parts =
    myCampaigns.length === 0
      ? [part("all", {})]
      : [
          part("campaigns", { campaignId: { in: myCampaigns } }),
          part("others", { OR: [{ campaignId: null }, { campaignId: { notIn: myCampaigns } }] }),
        ];
  return pageThroughParts(parts, input.limit, input.cursor);
}

/** The viewer's place in a session, for a list: their role, and their number on the waitlist. */
export type MyPlace = { role: ParticipantRole; status: ParticipantStatus; waitlistPosition: number | null };
export type GameSessionListItem = GameSessionView & { myPlace: MyPlace | null };

/** The viewer's places in these sessions, by session id (one query, plus one per waitlist place). */
async function placesOf(db: Db, userId: string, sessionIds: string[]): Promise<Map<string, MyPlace>> {
  const rows = await db.participant.findMany({
    where: { userId, gameSessionId: { in: sessionIds }, status: { not: "left" } },
    select: { gameSessionId: true, role: true, status: true, joinOrder: true },
  });
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
  const campaigns = await db.campaign.findMany({
    where: { OR: [{ gmId: userId }, { members: { some: { userId } } }] },
    select: { id: true },
  });
  return campaigns.map((c) => c.id);
}

export async function getGameSession(db: Db, viewer: AuthUser, sessionId: string, cutoffMinutes: number) {
  const row = await db.gameSession.findUnique({ where: { id: sessionId }, select: managerView });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such session." });
  const { gmNotes, joinCode, ...visible } = row;
  const secrets = canManageSession(viewer, row) ? { gmNotes, joinCode } : { gmNotes: null, joinCode: null };
  return { ...present(visible, cutoffMinutes), ...secrets };
}

export async function getGameSessionByJoinCode(db: Db, viewer: AuthUser, code: string, cutoffMinutes: number) {
  const row = await db.gameSession.findUnique({ where: { joinCode: code }, select: { id: true } });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No session has that join code." });
  return getGameSession(db, viewer, row.id, cutoffMinutes);
}
