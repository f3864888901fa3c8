// The jobs that run inside every server process, on croner schedules from config.
// Each job acts once however many processes run it (its writes are conditional), and
// logs one line per run only when it did something or failed.
import { Cron } from "croner";
import { forgetEndedCredentials } from "../auth/credentials.ts";
import { forgetSpentEmailTokens } from "../auth/email-tokens.ts";
import { forgetExpiredSignInAttempts } from "../auth/sign-in-limiter.ts";
import { forgetOldMessages, sendOutgoing } from "../outgoing/sender.ts";
import { sweepStalePresence } from "../presence/rules.ts";
import { extendSeries } from "../series/horizon.ts";
import type { Services } from "../services.ts";
import { sendLastCalls } from "./last-call.ts";
import { sendDueReminders } from "./reminders.ts";
import { cancelUnderFilledSessions } from "./under-fill.ts";

export type Jobs = {
  /** No more runs; resolves once the runs in progress have finished. */
  stop: () => Promise<void>;
};

/** What a run did, for its log line; null when it did nothing worth a line. */
type Report = Record<string, number> | null;

export function startJobs(services: Services): Jobs {
  const { log, metrics } = services;
  const job = (name: string, pattern: string, run: () => Promise<Report>, interval?: number) =>
    new Cron(
      pattern,
      // A run still going when the next is due is left to finish; the next is skipped.
      { name, protect: true, ...(interval ? { interval } : {}) },
      async () => {
        const started = performance.now();
        try {
          const report = await run();
          const ms = Math.round(performance.now() - started);
          metrics.jobRuns.inc({ job: name, outcome: "ok" });
          metrics.jobSeconds.observe({ job: name }, ms / 1000);
          if (report) log.info({ job: name, ...report, ms }, `Job ${name} ran`);
        } catch (error) {
          metrics.jobRuns.inc({ job: name, outcome: "failed" });
          log.error({ job: name, err: error }, `Job ${name} failed`);
        }
      },
    );
  const underFill = job("under-fill", services.config.CANCEL_CRON, async () => {
    const { due, cancelled } = await cancelUnderFilledSessions(services, services.now());
    return cancelled > 0 ? { due, cancelled } : null;
  });
  const presenceTimeout = job("presence-timeout", services.config.PRESENCE_CRON, async () => {
    const offline = await sweepStalePresence(services, services.now());
    return offline > 0 ? { offline } : null;
  });
  // This process's open streams must be refreshed well within the timeout, whatever
  // PRESENCE_CRON says, or other processes would count its tabs as closed.
  const streamsAlive = job(
    "presence-streams",
    "* * * * * *",
    async () => {
      await services.openStreams.refresh(services.now());
      return null;
    },
    Math.max(1, Math.floor(services.config.PRESENCE_TIMEOUT_S / 3)),
  );
  const reminders = job("reminders", services.config.REMINDER_CRON, async () => {
    const { reminded, dropped } = await sendDueReminders(services, services.now());
    const { called } = await sendLastCalls(services, services.now());
    return reminded + dropped + called > 0 ? { reminded, dropped, called } : null;
  });
  const outgoing = job("outgoing", services.config.OUTGOING_CRON, async () => {
    const report = await sendOutgoing(services, services.now());
    return Object.values(report).some((n) => n > 0) ? report : null;
  });
  const series = job("series", services.config.SERIES_CRON, async () => {
    const { created } = await extendSeries(services, services.now());
    return created > 0 ? { created } : null;
  });
  const housekeeping = job("housekeeping", "17 * * * *", async () => {
    const now = services.now();
    const forgotten = await forgetExpiredSignInAttempts(services.db, now);
    const ended = await forgetEndedCredentials(services.db, services.config, now);
    const links = await forgetSpentEmailTokens(services.db, now);
    const messages = await forgetOldMessages(services.db, now);
    return forgotten + ended + links + messages > 0 ? { forgotten, ended, links, messages } : null;
  });
  // After a restart, catch up at once rather than at the next tick.
  void underFill.trigger();
  void presenceTimeout.trigger();
  void reminders.trigger();
  void outgoing.trigger();
  void series.trigger();
  const all = [underFill, presenceTimeout, streamsAlive, reminders, outgoing, series, housekeeping];
  return {
    async stop() {
      for (const job of all) job.stop();
      // A run in progress holds a database transaction: let it commit before the
      // database closes (a shutdown must not cut a sweep in half).
      while (all.some((job) => job.isBusy())) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}
