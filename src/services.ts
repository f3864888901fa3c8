// The long-lived parts a request works with, created once in main.ts (or per test file).
import type { Lucia } from "lucia";
import { createLucia } from "./auth/lucia.ts";
import { createSignInLimiter, type SignInLimiter } from "./auth/sign-in-limiter.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import type { EventBus } from "./events/bus.ts";
import { createInProcessBus } from "./events/in-process-bus.ts";
import { OpenStreams } from "./presence/open-streams.ts";

export type Services = {
  db: Db;
  config: Config;
  lucia: Lucia;
  signInLimiter: SignInLimiter;
  events: EventBus;
  /** Open presence streams in this process (a closed last stream means the user left). */
  openStreams: OpenStreams;
  /** The clock every rule reads; tests replace it. */
  now: () => Date;
};

export function createServices(
  db: Db,
  config: Config,
  now: () => Date = () => new Date(),
  events: EventBus = createInProcessBus(),
): Services {
  return {
    db,
    config,
    now,
    events,
    openStreams: new OpenStreams(),
    lucia: createLucia(db, config),
    signInLimiter: createSignInLimiter(config),
  };
}
