// Sign up, sign in and sign out: accounts and the auth sessions that log them in.
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { Services } from "../services.ts";
import { refuseField } from "../validation.ts";
import { sendEmailLink } from "./email-tokens.ts";
import type { SignInInput, SignUpInput } from "./inputs.ts";
import type { AuthUser } from "./lucia.ts";
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

export async function signUp(
  services: AuthServices,
  input: z.output<typeof SignUpInput>,
  clientIp: string,
  now: Date,
): Promise<SignedIn> {
  const { db, lucia, signInLimiter } = services;
  await signInLimiter.consumeSignUp(clientIp);
  const { email, displayName, password } = input;
  assertStrongPassword(password, { email, displayName }, "password");
  // Hashed first, whether or not the address is taken, so the answer takes as long
  // either way. (The answer itself still differs: saying the same thing either way
  // needs email verification, "check your inbox", which Quorum does not send yet.)
  const passwordHash = await hashPassword(input.password);
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new TRPCError({ code: "CONFLICT", message: "An account with this email already exists. Sign in instead." });
  }
  // The first account of an instance administers it (email addresses are not verified,
  // so no address can claim admin by name); admins promote others with user.setRole.
  const user = await db.$transaction(async (tx) => {
    const first = (await tx.user.count()) === 0;
    const created = await tx.user.create({
      data: {
        email: input.email,
        displayName: input.displayName,
        timeZone: input.timeZone,
        passwordHash,
        role: first ? "admin" : "user",
      },
      select: authUserSelect,
    });
    // Nothing but this link (and password resets) goes to the address until it is confirmed.
    await sendEmailLink(tx, created, "verify_email", now);
    return created;
  });
  return startAuthSession(lucia, user);
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
  const valid = account
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
