// Finding people (to add them to a session) and, for admins, making admins.
import { TRPCError } from "@trpc/server";
import type { AuthUser } from "../auth/lucia.ts";
import type { Db } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { UserRole } from "../generated/prisma/enums.ts";
import type { Services } from "../services.ts";

const publicUser = { id: true, displayName: true } as const;

/**
 * People to add to a session: by name, among those the searcher has shared a session
 * or a campaign with, so a search cannot tell whether an address has an account or
 * list strangers. New people join by code or invite link. Admins find anyone, by name
 * or exact email. Emails are never shown, only matched.
 */
export function searchUsers(db: Db, searcher: AuthUser, query: string, limit: number) {
  const me = searcher.id;
  const byName = { displayName: { contains: query } };
  const where: Prisma.UserWhereInput =
    searcher.role === "admin"
      ? { OR: [byName, { email: query.toLowerCase() }] }
      : {
          ...byName,
          id: { not: me },
          OR: [
            { participations: { some: { gameSession: { participants: { some: { userId: me } } } } } },
            { hostedSessions: { some: { participants: { some: { userId: me } } } } },
            { memberships: { some: { campaign: { OR: [{ gmId: me }, { members: { some: { userId: me } } }] } } } },
            { campaignsRun: { some: { members: { some: { userId: me } } } } },
          ],
        };
  // A closed account is nobody to find (src/auth/account-closing.ts).
  return db.user.findMany({
    where: { ...where, deletedAt: null },
    select: publicUser,
    orderBy: { displayName: "asc" },
    take: limit,
  });
}

export async function setUserRole(
  { db, events }: Pick<Services, "db" | "events">,
  actorId: string,
  userId: string,
  role: UserRole,
) {
  if (actorId === userId && role !== "admin") {
    throw new TRPCError({ code: "CONFLICT", message: "You cannot remove your own admin role." });
  }
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { role } });
  if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "No such user." });
  events.publish("access", userId, { reason: "role-changed" }); // what they may watch changed
  return db.user.findUniqueOrThrow({ where: { id: userId }, select: { ...publicUser, role: true } });
}
