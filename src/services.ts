// The long-lived parts a request works with, created once in main.ts (or per test file).
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Lucia } from "lucia";
import { createLucia } from "./auth/lucia.ts";
import { createSignInLimiter, type SignInLimiter } from "./auth/sign-in-limiter.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import { createEventBus, type EventBus } from "./events/bus.ts";
import { createEventReader } from "./events/reader.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { createMailer, type Mailer } from "./outgoing/mailer.ts";
import { createOpenStreams, type OpenStreams } from "./presence/open-streams.ts";
import { createStreamLimits, type StreamLimits } from "./stream-limits.ts";

export type Services = {
  db: Db;
  config: Config;
  lucia: Lucia;
  signInLimiter: SignInLimiter;
  events: EventBus;
  /** Names this process among the servers sharing the database. */
  processId: string;
  /** Open presence streams, in every process (a closed last stream means the user left). */
  openStreams: OpenStreams;
  /** Caps on the live streams one user or address holds open in this process. */
  streamLimits: StreamLimits;
  /** The clock every rule reads; tests replace it. */
  now: () => Date;
  log: Logger;
  metrics: Metrics;
  /** Hands emails to SMTP (or, without SMTP_URL, to the development mailbox). */
  mailer: Mailer;
};

export type ServiceOptions = Partial<Pick<Services, "now" | "events" | "log" | "metrics">>;

export function createServices(db: Db, config: Config, options: ServiceOptions = {}): Services {
  const processId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const log = options.log ?? createLogger(config);
  const metrics = options.metrics ?? createMetrics();
  const events =
    options.events ??
    createEventBus(config, createEventReader(db, config.CANCEL_CUTOFF_MINUTES), {
      onDelivered: (kind, ms) => metrics.busDelaySeconds.observe({ kind }, ms / 1000),
      onError: (error) => log.error({ err: error }, "The event bus failed"),
    });
  return {
    db,
    processId,
    config,
    now: options.now ?? (() => new Date()),
    log,
    metrics,
    events,
    openStreams: createOpenStreams(db, processId, config.PRESENCE_TIMEOUT_S),
    streamLimits: createStreamLimits(config),
    lucia: createLucia(db, config),
    signInLimiter: createSignInLimiter(db, config),
    mailer: createMailer(config, log),
  };
}
