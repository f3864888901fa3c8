// Who sees a session, by its visibility: one rule, as a check for one session and as
// a condition for every list. public: everyone, signed out too. unlisted: besides
// those below, whoever has its join code (session.byJoinCode). campaign: only those
// below. Always: the host, admins, whoever is seated or waiting in it, and the
// campaign's GM and members.
import { TRPCError } from "@trpc/server";
import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { AuthUser } from "../auth/lucia.ts";
import type { Db } from "../db/client.ts";
import type { Tables } from "../db/reads.ts";
import type { SessionVisibility } from "../generated/prisma/enums.ts";

/** Who is looking: a signed-in user, or null for a signed-out visitor (or a link preview). */
export type Viewer = Pick<AuthUser, "id" | "role"> | null;

type Seen = { id: string; visibility: SessionVisibility; hostId: string; campaignId: string | null };

/** Whether the viewer sees the session without its join code: see the top of this file. */
async function seesWithoutCode(db: Db, viewer: Viewer, session: Seen): Promise<boolean> {
  if (session.visibility === "public") return true;
  if (!viewer) return false;
  if (viewer.role === "admin" || session.hostId === viewer.id) return true;
  const [seat, campaign] = await Promise.all([
    db.participant.findFirst({
      where: { gameSessionId: session.id, userId: viewer.id, status: { in: ["joined", "waitlisted"] } },
      select: { id: true },
    }),
    session.campaignId
      ? db.campaign.findFirst({
          where: {
            id: session.campaignId,
            OR: [{ gmId: viewer.id }, { members: { some: { userId: viewer.id } } }],
          },
          select: { id: true },
        })
      : null,
  ]);
  return seat !== null || campaign !== null;
}

/**
 * The session, if the viewer may see it by its id; else a refusal that says what would
 * let them (and says nothing of what the session is).
 */
export async function assertMaySeeSession(db: Db, viewer: Viewer, sessionId: string): Promise<Seen> {
  const session = await db.gameSession.findUnique({
    where: { id: sessionId },
    select: { id: true, visibility: true, hostId: true, campaignId: true },
  });
  if (!session) throw new TRPCError({ code: "NOT_FOUND", message: "No such session." });
  if (await seesWithoutCode(db, viewer, session)) return session;
  if (!viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to see this session." });
  throw new TRPCError({
    code: "FORBIDDEN",
    message:
      session.visibility === "campaign"
        ? "This session is for its campaign's members."
        : "This session is unlisted: open it through the join link its GM shared.",
  });
}

/** Whoever holds the join code sees the session, unless it is kept to its campaign. */
export async function maySeeWithCode(db: Db, viewer: Viewer, session: Seen): Promise<boolean> {
  return session.visibility !== "campaign" || seesWithoutCode(db, viewer, session);
}

/**
 * The same rule as a condition on "GameSession as s", for lists. `myCampaigns` is the
 * viewer's campaigns (as GM or member), which the list reads once anyway.
 */
export function visibleTo(
  eb: ExpressionBuilder<Tables & { s: Tables["GameSession"] }, "s">,
  viewer: Viewer,
  myCampaigns: string[],
): Expression<SqlBool> {
  if (!viewer) return eb("s.visibility", "=", "public");
  if (viewer.role === "admin") return eb.lit(true);
  const sees: Expression<SqlBool>[] = [eb("s.visibility", "=", "public"), eb("s.hostId", "=", viewer.id)];
  if (myCampaigns.length > 0) sees.push(eb("s.campaignId", "in", myCampaigns));
  sees.push(
    eb.exists(
      eb
        .selectFrom("Participant as seen")
        .select("seen.id")
        .whereRef("seen.gameSessionId", "=", "s.id")
        .where("seen.userId", "=", viewer.id)
        .where("seen.status", "in", ["joined", "waitlisted"]),
    ),
  );
  return eb.or(sees);
}
