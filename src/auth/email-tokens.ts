// Links sent by email: "confirm this address" and "reset your password". The token is
// random and only its SHA-256 is stored; each works once, until it expires, and only
// for the address it was sent to.
import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type { Db, Tx } from "../db/client.ts";
import type { EmailTokenPurpose } from "../generated/prisma/enums.ts";
import { queueEmails } from "../outgoing/queue.ts";
import { sha256 } from "./lucia.ts";

const LIFETIME_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 24 * 3_600_000,
  reset_password: 3_600_000,
  finish_sign_up: 24 * 3_600_000,
};

const SUBJECTS: Record<EmailTokenPurpose, string> = {
  verify_email: "Confirm your email address for Quorum",
  reset_password: "Reset your Quorum password",
  finish_sign_up: "Finish creating your Quorum account",
};

/**
 * Issues a token for `user` at their current address and queues the email that carries
 * it; `returnTo` (a path on this site) is where the link's page goes once it is done.
 */
export async function sendEmailLink(
  tx: Tx,
  user: { id: string; email: string },
  purpose: EmailTokenPurpose,
  now: Date,
  returnTo?: string,
): Promise<void> {
  const token = randomBytes(32).toString("base64url");
  await tx.emailToken.create({
    data: {
      tokenHash: sha256(token),
      userId: user.id,
      purpose,
      email: user.email,
      expiresAt: new Date(now.getTime() + LIFETIME_MS[purpose]),
      createdAt: now,
    },
  });
  await queueEmails(
    tx,
    [
      {
        kind: purpose,
        to: user.email,
        userId: user.id,
        subject: SUBJECTS[purpose],
        content: { kind: purpose, token, returnTo },
      },
    ],
    now,
  );
}

const invalidLink = (purpose: EmailTokenPurpose) =>
  new TRPCError({
    code: "BAD_REQUEST",
    message: INVALID_LINK[purpose],
  });

const INVALID_LINK: Record<EmailTokenPurpose, string> = {
  verify_email: "This confirmation link has expired or was already used. Sign in and ask for a new one.",
  reset_password: "This reset link has expired or was already used. Ask for a new one.",
  finish_sign_up:
    "This sign-up link has expired or was already used. Sign in, or create your account again for a new link.",
};

/**
 * Spends a token: one conditional update, so a link clicked twice (or in two tabs)
 * works once. The user's other links for the same purpose stop working too (an older
 * reset link must not undo a newer password). Returns the user it belongs to, if it
 * still matches their address.
 */
export async function spendEmailToken(tx: Tx | Db, token: string, purpose: EmailTokenPurpose, now: Date) {
  const tokenHash = sha256(token);
  const { count } = await tx.emailToken.updateMany({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count === 0) throw invalidLink(purpose);
  const row = await tx.emailToken.findUniqueOrThrow({
    where: { tokenHash },
    select: { email: true, user: { select: { id: true, email: true } } },
  });
  await tx.emailToken.updateMany({ where: { userId: row.user.id, purpose, usedAt: null }, data: { usedAt: now } });
  // Sent to an address the account no longer has: it proves nothing about the new one.
  if (row.user.email !== row.email) throw invalidLink(purpose);
  return row.user;
}

/** Expired and used tokens are of no more use; returns how many were deleted. */
export async function forgetSpentEmailTokens(db: Db, now: Date): Promise<number> {
  const { count } = await db.emailToken.deleteMany({
    where: { OR: [{ expiresAt: { lt: now } }, { usedAt: { not: null } }] },
  });
  return count;
}
