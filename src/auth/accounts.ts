// Sign up, sign in and sign out: accounts and the auth sessions that log them in.
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { isUniqueViolation } from "../db/unique.ts";
import { queueEmails } from "../outgoing/queue.ts";
import type { Services } from "../services.ts";
import { refuseField } from "../validation.ts";
import { sendEmailLink, spendEmailToken } from "./email-tokens.ts";
import type { FinishSignUpInput, SignInInput, SignUpInput } from "./inputs.ts";
import { type AuthUser, sha256 } from "./lucia.ts";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "./password.ts";
import { weakPasswordReason } from "./password-strength.ts";

type AuthServices = Pick<Services, "db" | "lucia" | "config" | "signInLimiter">;
export type SignedIn = { user: AuthUser; sessionCookie: string };

export const authUserSelect = { id: true, email: true, displayName: true, role: true } as const;
/** The same, for a typed read (db.$reads) that joins the User table as "user". */
export const authUserColumns = ["user.id", "user.email", "user.displayName", "user.role"] as const;

/** Refuses a password easy to guess, also from the account's own address and name (beside `field`). */
export function assertStrongPassword(password: string, user: { email: string; displayName: string }, field: string) {
  const { email, displayName } = user;
  const weak = weakPasswordReason(password, [email, email.split("@")[0] ?? "", displayName, "quorum"]);
  if (weak) throw refuseField(field, weak);
}

/** Signs `user` in: a new auth session, and the cookie that carries it. */
export async function startAuthSession(lucia: Services["lucia"], user: AuthUser): Promise<SignedIn> {
  const authSession = await lucia.createSession(user.id, {});
  return { user, sessionCookie: lucia.createSessionCookie(authSession.id).serialize() };
}

/**
 * Starts an account, or tells the address's owner that someone tried. The answer is the
 * same either way ("check your inbox"), so sign-up does not reveal who has an account.
 * It takes no password: the emailed link asks for one (finishSignUp), so only whoever
 * reads the address's mail can finish, and no one can hold an account in another's name.
 */
export async function signUp(
  services: AuthServices,
  input: z.output<typeof SignUpInput>,
  clientIp: string,
  now: Date,
): Promise<{ email: string }> {
  const { db, signInLimiter } = services;
  await signInLimiter.consumeSignUp(input.email, clientIp);
  const { email, displayName, timeZone, returnTo } = input;
  try {
    await db.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
      if (existing?.passwordHash) {
        const subject = "You already have a Quorum account";
        const content = { kind: "account_exists" } as const;
        await queueEmails(tx, [{ kind: "account_exists", to: email, userId: existing.id, subject, content }], now);
        return;
      }
      // An unfinished sign-up belongs to no one yet: the latest one names it.
      const user = existing
        ? await tx.user.update({ where: { id: existing.id }, data: { displayName, timeZone }, select: authUserSelect })
        : await tx.user.create({ data: { email, displayName, timeZone }, select: authUserSelect });
      await sendEmailLink(tx, user, "finish_sign_up", now, returnTo);
    });
  } catch (error) {
    // The same address signed up at the same moment: that sign-up sent the email.
    if (!isUniqueViolation(error)) throw error;
  }
  return { email };
}

/**
 * Sets the password chosen on the sign-up link's page, confirms the address (the link
 * came to it) and signs in. The first account finished on an instance administers it;
 * admins promote others with user.setRole.
 */
export async function finishSignUp(
  services: AuthServices,
  input: z.output<typeof FinishSignUpInput>,
  now: Date,
): Promise<SignedIn> {
  const { db, lucia } = services;
  const passwordHash = await passwordForLink(db, input.token, "finish_sign_up", input.password, now);
  const user = await db.$transaction(async (tx) => {
    const owner = await spendEmailToken(tx, input.token, "finish_sign_up", now);
    const first = (await tx.user.count({ where: { passwordHash: { not: null } } })) === 0;
    const { count } = await tx.user.updateMany({
      where: { id: owner.id, passwordHash: null },
      data: { passwordHash, emailVerifiedAt: now, role: first ? "admin" : "user" },
    });
    if (count === 0) {
      throw new TRPCError({ code: "CONFLICT", message: "Your account is already set up. Sign in with your password." });
    }
    return tx.user.findUniqueOrThrow({ where: { id: owner.id }, select: authUserSelect });
  });
  return startAuthSession(lucia, user);
}

/**
 * The hash of a password chosen on an emailed link's page. The link is checked first,
 * before any hashing (it costs CPU on purpose), and the password's strength before the
 * link is spent, so a weak choice does not cost the link.
 */
export async function passwordForLink(
  db: Services["db"],
  token: string,
  purpose: "finish_sign_up" | "reset_password",
  password: string,
  now: Date,
): Promise<string> {
  const holder = await db.emailToken.findFirst({
    where: { tokenHash: sha256(token), purpose, usedAt: null, expiresAt: { gt: now } },
    select: { user: { select: { email: true, displayName: true } } },
  });
  if (!holder)
    await spendEmailToken(db, token, purpose, now); // refuses, in words
  else assertStrongPassword(password, holder.user, "password");
  return hashPassword(password);
}

export async function signIn(
  services: AuthServices,
  input: z.output<typeof SignInInput>,
  clientIp: string,
): Promise<SignedIn> {
  const { db, lucia, signInLimiter } = services;
  await signInLimiter.consume(input.email, clientIp);
  const account = await db.user.findUnique({
    where: { email: input.email },
    select: { ...authUserSelect, passwordHash: true },
  });
  // An account whose sign-up is unfinished has no password yet: nothing matches it.
  const valid = account?.passwordHash
    ? await verifyPassword(account.passwordHash, input.password)
    : await verifyAgainstDecoy(input.password);
  if (!account || !valid) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Wrong email or password." });
  }
  await signInLimiter.succeeded(input.email, clientIp);
  const { passwordHash: _, ...user } = account; // only the AuthUser fields remain
  return startAuthSession(lucia, user);
}

/**
 * Ends the auth session of this request (its live streams too, on every process);
 * returns the cookie that clears it in the browser.
 */
export async function signOut(
  services: Pick<Services, "lucia" | "events">,
  user: AuthUser | null,
  authSessionToken: string | null,
): Promise<string> {
  if (authSessionToken) await services.lucia.invalidateSession(authSessionToken);
  if (user) services.events.publish("access", user.id, { reason: "signed-out" });
  return services.lucia.createBlankSessionCookie().serialize();
}

/** Ends every auth session of the user, on every device; API tokens stay (they are revoked one by one). */
export async function signOutEverywhere(services: Pick<Services, "lucia" | "events">, user: AuthUser): Promise<string> {
  await services.lucia.invalidateUserSessions(user.id);
  services.events.publish("access", user.id, { reason: "signed-out" });
  return services.lucia.createBlankSessionCookie().serialize();
}
