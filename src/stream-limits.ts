// How many live streams one user, and one address, may hold open in this process.
// Each open stream costs memory for as long as it lasts; the caps keep one account or
// one client from holding thousands. They are per process because what they protect
// (this process's memory and sockets) is; behind a load balancer a user's streams
// spread over the processes, each of which holds its own line.
import { TRPCError } from "@trpc/server";
import type { Config } from "./config.ts";

export type StreamLimits = ReturnType<typeof createStreamLimits>;

export function createStreamLimits(config: Pick<Config, "STREAMS_PER_USER" | "STREAMS_PER_IP">) {
  const byUser = new Map<string, number>();
  const byIp = new Map<string, number>();
  const change = (counts: Map<string, number>, key: string, by: 1 | -1) => {
    const count = (counts.get(key) ?? 0) + by;
    if (count === 0) counts.delete(key);
    else counts.set(key, count);
  };
  return {
    /** Counts a stream as open until `closed` aborts, or refuses it when a cap is reached. */
    open(userId: string, ip: string, closed: AbortSignal): void {
      if ((byUser.get(userId) ?? 0) >= config.STREAMS_PER_USER) {
        throw new TRPCError({
          code: "TOO_MANY_REQUESTS",
          message: `You have ${config.STREAMS_PER_USER} live views open already. Close some tabs, then reload this one.`,
        });
      }
      if ((byIp.get(ip) ?? 0) >= config.STREAMS_PER_IP) {
        throw new TRPCError({
          code: "TOO_MANY_REQUESTS",
          message: "Too many live views are open from your network. Close some tabs, then reload this one.",
        });
      }
      change(byUser, userId, 1);
      change(byIp, ip, 1);
      const release = () => {
        change(byUser, userId, -1);
        change(byIp, ip, -1);
      };
      if (closed.aborted) release();
      else closed.addEventListener("abort", release, { once: true });
    },
    /** Open streams of a user, for tests and metrics. */
    openFor: (userId: string) => byUser.get(userId) ?? 0,
  };
}
