// A real Quorum for one test file: its own copy of the migrated template database,
// a settable clock, callers acting as any user, and `given` to set the scene.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll } from "vitest";
import type { z } from "zod";
import type { AuthUser } from "../src/auth/lucia.ts";
import { type Config, loadConfig } from "../src/config.ts";
import { createDb } from "../src/db/client.ts";
import { createHttpServer } from "../src/http/server.ts";
import { createLogger } from "../src/logger.ts";
import { joinGameSession, type SeatRole } from "../src/participants/rules.ts";
import { appRouter } from "../src/router.ts";
import { createServices } from "../src/services.ts";
import { SessionCreateInput } from "../src/sessions/inputs.ts";
import { DEFAULT_REMINDER_MINUTES } from "../src/sessions/reminders.ts";
import { createGameSession } from "../src/sessions/rules.ts";
import { createCallerFactory, createContextInner } from "../src/trpc.ts";
import { copyTemplateDatabase } from "./setup/test-database.ts";

// Logs stay quiet in tests, but an error still reaches console.error, which fails the test.
const testLogger = createLogger(
  { LOG_LEVEL: "warn" },
  {
    write(line: string) {
      if ((JSON.parse(line) as { level: number }).level >= 50) console.error(line);
    },
  },
);

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

const HOUR = 3_600_000;
const createCaller = createCallerFactory(appRouter);

export async function createTestApp(
  overrides: Partial<Record<keyof Config, string>> = {},
  options: { realClock?: boolean } = {},
) {
  // A DATABASE_URL override shares another app's database: a second server process.
  const config = loadConfig({
    NODE_ENV: "test",
    MAIL_DIR: process.env.MAIL_DIR,
    ...overrides,
    DATABASE_URL: overrides.DATABASE_URL ?? (await copyTemplateDatabase()),
  });
  const db = createDb(config.DATABASE_URL);
  // Browser and multi-process tests run on the real clock (a browser or another process
  // cannot share a test's clock); `given` then places sessions relative to the app's start.
  const clock = { now: options.realClock ? new Date() : new Date("2026-03-14T18:00:00Z") };
  const services = createServices(db, config, {
    now: options.realClock ? () => new Date() : () => clock.now,
    log: testLogger,
  });
  let users = 0;

  /** Calls procedures in-process, as `user` (or anonymously), through the real router and middleware. */
  const as = (
    user: AuthUser | null,
    request: { clientIp?: string; authSessionToken?: string; setCookie?: (cookie: string) => void } = {},
  ) => createCaller(createContextInner(services, { user, ...request }));

  const given = {
    /** A user whose address is confirmed (unless `verified: false`), in UTC unless `timeZone` says. */
    async user(
      options: { role?: "user" | "admin"; name?: string; timeZone?: string; verified?: boolean } = {},
    ): Promise<AuthUser> {
      passwordHash ??= hash(TEST_PASSWORD);
      users += 1;
      const name = options.name ?? `User ${users}`;
      return db.user.create({
        data: {
          email: `user${users}-${randomUUID().slice(0, 8)}@example.test`,
          displayName: name,
          passwordHash: await passwordHash,
          role: options.role ?? "user",
          timeZone: options.timeZone ?? "UTC",
          emailVerifiedAt: options.verified === false ? null : clock.now,
        },
        select: { id: true, email: true, displayName: true, role: true },
      });
    },
    async users(count: number): Promise<AuthUser[]> {
      const created: AuthUser[] = [];
      for (let i = 0; i < count; i++) created.push(await given.user());
      return created;
    },
    /** A scheduled session, starting in `startsInHours` (default 48), hosted by a new GM unless given. */
    async session(
      options: {
        host?: AuthUser;
        seats?: number;
        minPlayers?: number;
        allowLateJoin?: boolean;
        startsInHours?: number;
        reminderMinutes?: number[];
        /** Any other field of session.create (visibility, campaignId, gameSystem, tags...). */
        fields?: Partial<z.input<typeof SessionCreateInput>>;
      } = {},
    ) {
      const host = options.host ?? (await given.user({ name: "GM" }));
      const seats = options.seats ?? 6;
      const startsAt = new Date(clock.now.getTime() + (options.startsInHours ?? 48) * HOUR);
      // A session due soon was scheduled earlier, when it still had time to fill.
      const scheduledAt = new Date(
        Math.min(clock.now.getTime(), startsAt.getTime() - (config.CANCEL_CUTOFF_MINUTES + 60) * 60_000),
      );
      const { id } = await createGameSession(
        db,
        host,
        SessionCreateInput.parse({
          title: "The Sunless Citadel",
          startsAt,
          minPlayers: Math.min(options.minPlayers ?? 2, seats),
          maxPlayers: seats,
          allowLateJoin: options.allowLateJoin ?? false,
          reminderMinutes: options.reminderMinutes ?? DEFAULT_REMINDER_MINUTES,
          ...options.fields,
        }),
        scheduledAt,
        config,
      );
      return { id, host };
    },
    async join(sessionId: string, user: AuthUser, role: SeatRole = "player") {
      return joinGameSession(services, user, sessionId, clock.now, { role });
    },
    /** A started session with its GM and `players` joined players. */
    async activeSession(players: number) {
      const { id, host } = await given.session({ seats: 6, minPlayers: 1 });
      const joined = await given.users(players);
      for (const player of joined) await given.join(id, player);
      await as(host).session.start({ sessionId: id });
      return { id, host, players: joined };
    },
  };

  return {
    db,
    config,
    services,
    clock,
    as,
    given,
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    /** Starts the real HTTP server on a free port. */
    async listen() {
      const server = createHttpServer(services);
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        close: async () => {
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeAllConnections();
          await closed;
          await server.settled();
        },
      };
    },
    close: async () => {
      await services.events.close();
      services.mailer.close();
      await db.$disconnect();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** For a test file that talks HTTP: a test app whose server runs while the file's tests do. */
export async function createServedTestApp(
  overrides: Parameters<typeof createTestApp>[0] = {},
  options: Parameters<typeof createTestApp>[1] = {},
) {
  const app = await createTestApp(overrides, options);
  let server: Awaited<ReturnType<typeof app.listen>> | undefined;
  beforeAll(async () => {
    server = await app.listen();
  });
  afterAll(async () => {
    await server?.close();
    await app.close();
  });
  return {
    ...app,
    get url() {
      if (!server) throw new Error("The server starts in beforeAll: use app.url inside tests.");
      return server.url;
    },
  };
}
export { HOUR };
