// Personal API tokens for scripts: shown once at creation, stored as SHA-256 only.
import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type { Db } from "../db/client.ts";
import { createSingleFlight } from "../in-flight.ts";
import type { Services } from "../services.ts";
import { authUserColumns } from "./accounts.ts";
import { type AuthUser, sha256 } from "./lucia.ts";

export const API_TOKEN_PREFIX = "qrm_";
const MAX_TOKENS_PER_USER = 20;
// Recording every use would turn each scripted read into a write.
const LAST_USED_PRECISION_MS = 60_000;
const recordingUse = createSingleFlight();

const tokenView = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true } as const;

/** Creates a token; with `expiresInDays` it stops working that many days from `now`, else when revoked. */
export async function createApiToken(
  db: Db,
  userId: string,
  name: string,
  options: { expiresInDays?: number | null; now?: Date } = {},
) {
  if ((await db.apiToken.count({ where: { userId } })) >= MAX_TOKENS_PER_USER) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `You already have ${MAX_TOKENS_PER_USER} API tokens. Revoke one first.`,
    });
  }
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const created = await db.apiToken.create({
    data: {
      userId,
      name,
      tokenHash: sha256(token),
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      expiresAt: options.expiresInDays
        ? new Date((options.now ?? new Date()).getTime() + options.expiresInDays * 86_400_000)
        : null,
    },
    select: tokenView,
  });
  return { ...created, token };
}

export function listApiTokens(db: Db, userId: string) {
  return db.apiToken.findMany({ where: { userId }, select: tokenView, orderBy: { createdAt: "desc" } });
}

/** Revokes a token at once: its calls are refused and its live streams end, on every process. */
export async function revokeApiToken(
  { db, events }: Pick<Services, "db" | "events">,
  userId: string,
  tokenId: string,
): Promise<void> {
  const { count } = await db.apiToken.deleteMany({ where: { id: tokenId, userId } });
  if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "No such API token." });
  events.publish("access", userId, { reason: "token-revoked" });
}

/** Whether a token still works: one without an expiry works until revoked. */
export const apiTokenAlive = (row: { expiresAt: Date | null }, now: Date) =>
  row.expiresAt === null || row.expiresAt > now;

export async function userForApiToken(db: Db, token: string, now: Date): Promise<AuthUser | null> {
  // Every scripted call starts here: one typed query, token and user together.
  const row = await db.$reads
    .selectFrom("ApiToken as token")
    .innerJoin("User as user", "user.id", "token.userId")
    .select(["token.id as tokenId", "token.lastUsedAt", "token.expiresAt", ...authUserColumns])
    .where("token.tokenHash", "=", sha256(token))
    .executeTakeFirst();
  if (!row || !apiTokenAlive(row, now)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await recordingUse(row.tokenId, async () => {
      await db.apiToken.updateMany({ where: { id: row.tokenId }, data: { lastUsedAt: now } });
    });
  }
  return { id: row.id, email: row.email, displayName: row.displayName, role: row.role };
}
