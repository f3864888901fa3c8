// The jobs that run inside the server process, on croner schedules from config.
import { Cron } from "croner";
import { sweepStalePresence } from "../presence/rules.ts";
import type { Services } from "../services.ts";
import { cancelUnderFilledSessions } from "./under-fill.ts";

export function startJobs(services: Services): { stop: () => void } {
  const job = (name: string, pattern: string, run: () => Promise<void>) =>
    new Cron(
      pattern,
      {
        name,
        // A run still going when the next is due is left to finish; the next is skipped.
        protect: true,
        catch: (error) => console.error(`${name} failed:`, error),
      },
      run,
    );
  const underFill = job("under-fill", services.config.CANCEL_CRON, async () => {
    const report = await cancelUnderFilledSessions(services, services.now());
    console.log(JSON.stringify({ job: "under-fill", ...report }));
  });
  const presenceTimeout = job("presence-timeout", services.config.PRESENCE_CRON, async () => {
    const started = performance.now();
    const offline = await sweepStalePresence(services, services.now());
    // Runs every few seconds: log only when it did something.
    if (offline > 0) {
      console.log(JSON.stringify({ job: "presence-timeout", offline, ms: Math.round(performance.now() - started) }));
    }
  });
  // After a restart, catch up at once rather than at the next tick.
  void underFill.trigger();
  void presenceTimeout.trigger();
  return {
    stop: () => {
      underFill.stop();
      presenceTimeout.stop();
    },
  };
}
