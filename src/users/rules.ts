// Finding people (to add them to a session) and, for admins, making admins.
import { TRPCError } from "@trpc/server";
import type { Db } from "../db/client.ts";
import type { UserRole } from "../generated/prisma/enums.ts";
import type { Services } from "../services.ts";

const publicUser = { id: true, displayName: true } as const;

/** By name or exact email; emails are never shown, only matched. */
export function searchUsers(db: Db, query: string, limit: number) {
  return db.user.findMany({
    where: { OR: [{ displayName: { contains: query } }, { email: query.toLowerCase() }] },
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
