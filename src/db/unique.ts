import { Prisma } from "../generated/prisma/client.ts";

/** A write refused by a unique index: another request (or process) wrote the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
