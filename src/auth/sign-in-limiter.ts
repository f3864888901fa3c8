// Sign-in attempts are counted in the database, so every server process spends the
// same budgets (a per-process counter would give N processes N times the budget).
// Three budgets, after OWASP's advice on credential stuffing without lockouts:
// - one account from one address (tight): stops guessing at one password;
// - one account from anywhere (loose): stops a guesser spread over many addresses;
// - one address across accounts (loose): stops spraying from one machine, yet lets a
//   game store or convention hall behind one address sign its members in.
import { TRPCError } from "@trpc/server";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { plural } from "../plural.ts";

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;

export function createSignInLimiter(db: Db, config: Config) {
  // The store's own clean-up timer would outlive this client; the housekeeping job
  // (forgetExpiredSignInAttempts) clears expired counters instead.
  const limiter = (keyPrefix: string, points: number, duration: number) =>
    new RateLimiterPrisma({ storeClient: db, keyPrefix, points, duration, clearExpiredByTimeout: false });
  const signInWindow = config.SIGN_IN_WINDOW_MINUTES * 60;
  const perAccountAndIp = limiter("account+ip", config.SIGN_IN_ATTEMPTS_PER_ACCOUNT_IP, signInWindow);
  const perAccount = limiter("account", config.SIGN_IN_ATTEMPTS_PER_ACCOUNT, signInWindow);
  const perIp = limiter("ip", config.SIGN_IN_ATTEMPTS_PER_IP, signInWindow);
  // Sign-ups create rows and send email: a budget per network address per hour.
  const signUpsPerIp = limiter("sign-up-ip", config.SIGN_UPS_PER_IP_PER_HOUR, 3600);
  // Emailed links (sign-up, reset, confirmation): a few per email address, since each
  // lands in someone's inbox, and more per network for resets and confirmations.
  const emailsPerAddress = limiter("reset-account", 3, 3600);
  const resetsPerIp = limiter("reset-ip", 20, 3600);
  const pair = (email: string, ip: string) => `${email}|${ip}`;

  return {
    /** Counts one attempt; refuses with TOO_MANY_REQUESTS once any budget is spent. */
    consume: (email: string, ip: string) =>
      refusedWhenSpent(
        Promise.all([perAccountAndIp.consume(pair(email, ip)), perAccount.consume(email), perIp.consume(ip)]),
        "Too many sign-in attempts.",
      ),
    /**
     * Counts one sign-up from `ip` to `email`, whether or not the address has an account;
     * refuses with TOO_MANY_REQUESTS once either hour's budget is spent.
     */
    async consumeSignUp(email: string, ip: string) {
      await refusedWhenSpent(signUpsPerIp.consume(ip), "Too many new accounts from your network.");
      await refusedWhenSpent(emailsPerAddress.consume(email), "Too many emails were sent to this address.");
    },
    /** Counts one emailed link asked for (a password reset, a new confirmation), whether or not the address has an account. */
    consumeEmailLink: (email: string, ip: string) =>
      refusedWhenSpent(
        Promise.all([emailsPerAddress.consume(email), resetsPerIp.consume(ip)]),
        "Too many emails asked for.",
      ),
    /** A successful sign-in gives back what it cost. */
    async succeeded(email: string, ip: string): Promise<void> {
      await Promise.all([perAccountAndIp.delete(pair(email, ip)), perAccount.reward(email, 1), perIp.reward(ip, 1)]);
    },
  };
}

/** A spent budget becomes TOO_MANY_REQUESTS, saying what and when to try again. */
async function refusedWhenSpent(consuming: Promise<unknown>, what: string): Promise<void> {
  try {
    await consuming;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const minutes = Math.max(1, Math.ceil(error.msBeforeNext / 60_000));
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `${what} Try again in ${plural(minutes, "minute")}.`,
    });
  }
}

/** Deletes counters whose window ended over an hour ago; returns how many. */
export async function forgetExpiredSignInAttempts(db: Db, now: Date): Promise<number> {
  const { count } = await db.rateLimiterFlexible.deleteMany({
    where: { expire: { lt: new Date(now.getTime() - 3_600_000) } },
  });
  return count;
}
