// One-click unsubscribe (RFC 8058): every notification email names a URL whose token
// says who and which type, signed with the installation's key, so it works without
// signing in and cannot be forged to change someone else's settings.
import { createHmac, timingSafeEqual } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type { Db } from "../db/client.ts";
import { NotificationType } from "../generated/prisma/enums.ts";
import { installationSecret } from "../outgoing/installation-secret.ts";
import { TYPE_LABELS } from "./notice-text.ts";
import { setPreference } from "./preferences.ts";

const sign = (key: Buffer, payload: string) => createHmac("sha256", key).update(payload).digest("base64url");

export async function unsubscribeToken(db: Db, userId: string, type: NotificationType): Promise<string> {
  const payload = Buffer.from(`${userId}:${type}`).toString("base64url");
  return `${payload}.${sign(await installationSecret(db, "unsubscribe"), payload)}`;
}

async function readToken(db: Db, token: string): Promise<{ userId: string; type: NotificationType } | null> {
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length > 0) return null;
  const expected = Buffer.from(sign(await installationSecret(db, "unsubscribe"), payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [userId, type] = Buffer.from(payload, "base64url").toString().split(":");
  if (!userId || !type || !(type in NotificationType)) return null;
  return { userId, type: type as NotificationType };
}

/** Turns off email of the token's type for its user; says what it did, in words. */
export async function unsubscribe(db: Db, token: string) {
  const target = await readToken(db, token);
  const user = target && (await db.user.findUnique({ where: { id: target.userId }, select: { id: true } }));
  if (!target || !user) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "This unsubscribe link is not valid. Sign in and change your notification settings instead.",
    });
  }
  await setPreference(db, target.userId, target.type, { email: false });
  return {
    type: target.type,
    message: `You will get no more emails about ${TYPE_LABELS[target.type]?.toLowerCase()}.`,
  };
}
