// Things a user made (scenarios, venues, characters) are edited by their maker or an admin.
import { TRPCError } from "@trpc/server";
import type { AuthUser } from "./auth/lucia.ts";

export function assertMayEdit(user: AuthUser, ownerId: string | undefined, what: string): void {
  if (ownerId === undefined) throw new TRPCError({ code: "NOT_FOUND", message: `No such ${what}.` });
  if (ownerId !== user.id && user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: `Only the ${what}'s creator or an admin may change it.` });
  }
}
