// Sign-in attempts are limited per account and per client IP, so neither one
// password nor one machine can be brute-forced.
import { TRPCError } from "@trpc/server";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Config } from "../config.ts";

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;

export function createSignInLimiter(config: Config) {
  const duration = config.SIGN_IN_WINDOW_MINUTES * 60;
  const perAccount = new RateLimiterMemory({
    keyPrefix: "account",
    points: config.SIGN_IN_ATTEMPTS_PER_ACCOUNT,
    duration,
  });
  const perIp = new RateLimiterMemory({ keyPrefix: "ip", points: config.SIGN_IN_ATTEMPTS_PER_IP, duration });

  return {
    /** Counts one attempt; refuses with TOO_MANY_REQUESTS once either budget is spent. */
    async consume(email: string, ip: string): Promise<void> {
      try {
        await Promise.all([perAccount.consume(email), perIp.consume(ip)]);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const minutes = Math.max(1, Math.ceil(error.msBeforeNext / 60_000));
        throw new TRPCError({
          code: "TOO_MANY_REQUESTS",
          message: `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        });
      }
    },
    /** A successful sign-in gives back what it cost. */
    async succeeded(email: string, ip: string): Promise<void> {
      await Promise.all([perAccount.delete(email), perIp.reward(ip, 1)]);
    },
  };
}
