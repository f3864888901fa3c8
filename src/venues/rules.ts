// Venues: where sessions happen. Anyone signed in reads; the creator or an admin edits.
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { AuthUser } from "../auth/lucia.ts";
import type { Db } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { assertMayEdit } from "../ownership.ts";
import { after, pageThrough } from "../pagination.ts";
import { plural } from "../plural.ts";
import { refuseField } from "../validation.ts";
import type { VenueCreateInput, VenueListInput, VenueUpdateInput } from "./inputs.ts";

const venueView = {
  id: true,
  name: true,
  address: true,
  onlineUrl: true,
  notes: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
} as const;

export function createVenue(db: Db, user: AuthUser, input: z.output<typeof VenueCreateInput>) {
  return db.venue.create({ data: { ...input, createdById: user.id }, select: venueView });
}

export async function getVenue(db: Db, venueId: string) {
  const venue = await db.venue.findUnique({ where: { id: venueId }, select: venueView });
  if (!venue) throw new TRPCError({ code: "NOT_FOUND", message: "No such venue." });
  return venue;
}

export function listVenues(db: Db, input: z.output<typeof VenueListInput>) {
  const where: Prisma.VenueWhereInput = {
    ...(input.query ? { OR: [{ name: { contains: input.query } }, { address: { contains: input.query } }] } : {}),
    ...(input.online === undefined ? {} : { onlineUrl: input.online ? { not: null } : null }),
  };
  return pageThrough(
    (afterId, take) =>
      db.venue.findMany({
        where,
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take,
        ...after(afterId),
        select: venueView,
      }),
    input.limit,
    input.cursor,
  );
}

export async function updateVenue(db: Db, user: AuthUser, input: z.output<typeof VenueUpdateInput>) {
  const { venueId, ...changes } = input;
  const current = await db.venue.findUnique({
    where: { id: venueId },
    select: { createdById: true, address: true, onlineUrl: true },
  });
  assertMayEdit(user, current?.createdById, "venue");
  const address = changes.address === undefined ? current?.address : changes.address;
  const onlineUrl = changes.onlineUrl === undefined ? current?.onlineUrl : changes.onlineUrl;
  if (!address && !onlineUrl) {
    throw refuseField("address", "Give an address, an online link, or both.");
  }
  return db.venue.update({ where: { id: venueId }, data: changes, select: venueView });
}

export async function deleteVenue(db: Db, user: AuthUser, venueId: string): Promise<void> {
  const current = await db.venue.findUnique({
    where: { id: venueId },
    select: { createdById: true, _count: { select: { sessions: true } } },
  });
  assertMayEdit(user, current?.createdById, "venue");
  const inUse = current?._count.sessions ?? 0;
  if (inUse > 0) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `This venue is used by ${plural(inUse, "session")}; move them elsewhere first.`,
    });
  }
  await db.venue.delete({ where: { id: venueId } });
}
