// What a person changes about their own account: name, time zone, password, email
// address (confirmed again by a link), and the two emailed links: confirm an address,
// reset a forgotten password.
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { Services } from "../services.ts";
import { refuseField } from "../validation.ts";
import {
  assertStrongPassword,
  authUserSelect,
  passwordForLink,
  type SignedIn,
  signOutEverywhere,
  startAuthSession,
} from "./accounts.ts";
import { sendEmailLink, spendEmailToken } from "./email-tokens.ts";
import type { EmailChangeInput, PasswordChangeInput, ProfileUpdateInput } from "./inputs.ts";
import { type AuthUser, sha256 } from "./lucia.ts";
import { hashPassword, verifyPassword } from "./password.ts";

type AccountServices = Pick<Services, "db" | "lucia" | "events" | "signInLimiter">;

const accountView = { ...authUserSelect, timeZone: true, emailVerifiedAt: true } as const;

export async function getAccount(services: Pick<Services, "db">, userId: string) {
  const { emailVerifiedAt, ...account } = await services.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: accountView,
  });
  return { ...account, emailVerified: emailVerifiedAt !== null };
}

export async function updateProfile(
  services: Pick<Services, "db">,
  userId: string,
  changes: z.output<typeof ProfileUpdateInput>,
) {
  await services.db.user.update({ where: { id: userId }, data: changes });
  return getAccount(services, userId);
}

/** The current password, counted against the sign-in budgets: a stolen session cannot guess it freely. */
export async function assertPassword(
  services: Pick<Services, "db" | "signInLimiter">,
  user: AuthUser,
  password: string,
  field: string,
  clientIp: string,
) {
  await services.signInLimiter.consume(user.email, clientIp);
  const { passwordHash } = await services.db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { passwordHash: true },
  });
  if (!passwordHash || !(await verifyPassword(passwordHash, password)))
    throw refuseField(field, "That is not your current password.");
  await services.signInLimiter.succeeded(user.email, clientIp);
}

/** A new password signs out every other device (this one stays signed in). */
export async function changePassword(
  services: AccountServices,
  user: AuthUser,
  input: z.output<typeof PasswordChangeInput>,
  request: { authSessionToken: string | null; clientIp: string },
) {
  const { authSessionToken, clientIp } = request;
  await assertPassword(services, user, input.currentPassword, "currentPassword", clientIp);
  assertStrongPassword(input.newPassword, user, "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  await services.db.$transaction([
    services.db.user.update({ where: { id: user.id }, data: { passwordHash } }),
    services.db.authSession.deleteMany({
      where: { userId: user.id, ...(authSessionToken ? { id: { not: sha256(authSessionToken) } } : {}) },
    }),
  ]);
  // Streams re-check their credential: the other devices' end, this one's carries on.
  services.events.publish("access", user.id, { reason: "signed-out" });
  return { changed: true };
}

/** The new address gets a confirmation link; until it is used, email goes nowhere. */
export async function changeEmail(
  services: AccountServices,
  user: AuthUser,
  input: z.output<typeof EmailChangeInput>,
  clientIp: string,
  now: Date,
) {
  await assertPassword(services, user, input.password, "password", clientIp);
  if (input.email === user.email) throw refuseField("email", "That is already your address.");
  if (await services.db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw refuseField("email", "Another account uses that address.");
  }
  await services.signInLimiter.consumeEmailLink(input.email, clientIp);
  await services.db.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { email: input.email, emailVerifiedAt: null },
      select: { id: true, email: true },
    });
    await sendEmailLink(tx, updated, "verify_email", now);
  });
  return getAccount(services, user.id);
}

export async function resendVerification(services: AccountServices, user: AuthUser, clientIp: string, now: Date) {
  const account = await getAccount(services, user.id);
  if (account.emailVerified) throw new TRPCError({ code: "CONFLICT", message: "Your address is already confirmed." });
  await services.signInLimiter.consumeEmailLink(account.email, clientIp);
  await services.db.$transaction((tx) => sendEmailLink(tx, account, "verify_email", now));
  return { sentTo: account.email };
}

/** Works signed out too (the link may be opened on another device). */
export async function verifyEmail(services: Pick<Services, "db">, token: string, now: Date) {
  try {
    const user = await services.db.$transaction(async (tx) => {
      const owner = await spendEmailToken(tx, token, "verify_email", now);
      return tx.user.update({ where: { id: owner.id }, data: { emailVerifiedAt: now }, select: { email: true } });
    });
    return { email: user.email, message: `Thank you: ${user.email} is confirmed.` };
  } catch (error) {
    // Used already, for the address the account still has, which is confirmed: a mail
    // scanner opened the link first, or the person clicked twice. All is well.
    const spent = await services.db.emailToken.findUnique({
      where: { tokenHash: sha256(token) },
      select: { purpose: true, email: true, usedAt: true, user: { select: { email: true, emailVerifiedAt: true } } },
    });
    const confirmed =
      spent?.purpose === "verify_email" &&
      spent.usedAt &&
      spent.email === spent.user.email &&
      spent.user.emailVerifiedAt;
    if (!confirmed) throw error;
    return { email: spent.email, message: `Thank you: ${spent.email} is confirmed.` };
  }
}

export const RESET_REQUESTED =
  "If an account uses that address, a link to choose a new password is on its way. It works for an hour.";

/** The answer is the same whether or not the address has an account. */
export async function requestPasswordReset(services: AccountServices, email: string, clientIp: string, now: Date) {
  await services.signInLimiter.consumeEmailLink(email, clientIp);
  const user = await services.db.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (user) await services.db.$transaction((tx) => sendEmailLink(tx, user, "reset_password", now));
  return { message: RESET_REQUESTED };
}

/**
 * Sets the new password, signs out every device, then signs in this one. The link
 * came to the address, so it confirms the address too.
 */
export async function resetPassword(
  services: AccountServices,
  token: string,
  password: string,
  now: Date,
): Promise<SignedIn> {
  const passwordHash = await passwordForLink(services.db, token, "reset_password", password, now);
  const user = await services.db.$transaction(async (tx) => {
    const owner = await spendEmailToken(tx, token, "reset_password", now);
    const account = await tx.user.findUniqueOrThrow({ where: { id: owner.id }, select: { emailVerifiedAt: true } });
    return tx.user.update({
      where: { id: owner.id },
      data: { passwordHash, emailVerifiedAt: account.emailVerifiedAt ?? now },
      select: authUserSelect,
    });
  });
  await signOutEverywhere(services, user);
  return startAuthSession(services.lucia, user);
}
