import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp, HOUR } from "../../tests/app.ts";
import { cancelUnderFilledSessions, UNDER_FILLED } from "./under-fill.ts";

const run = promisify(execFile);
const MINUTE = 60_000;
const app = await createTestApp({ CANCEL_CUTOFF_MINUTES: "60" });
afterAll(() => app.close());

const statusOf = async (id: string) => (await app.db.gameSession.findUniqueOrThrow({ where: { id } })).status;

/** A session starting in `minutes`, with `players` joined out of `minPlayers` needed. */
async function sessionStartingIn(minutes: number, players: number, minPlayers = 3) {
  const { id, host } = await app.given.session({ startsInHours: minutes / 60, minPlayers, seats: 6 });
  const joined = await app.given.users(players);
  for (const user of joined) await app.given.join(id, user);
  return { id, host, joined };
}

describe("the under-fill sweep", () => {
  it("keeps a session just before its deadline and cancels it just after", async () => {
    const { id } = await sessionStartingIn(120, 1);
    // Deadline: start - 60 min = 60 min from now.
    app.advance(60 * MINUTE - 1);
    await cancelUnderFilledSessions(app.services, app.clock.now);
    expect(await statusOf(id)).toBe("scheduled");
    app.advance(1);
    const report = await cancelUnderFilledSessions(app.services, app.clock.now);
    expect(report.cancelled).toBeGreaterThanOrEqual(1);
    const cancelled = await app.db.gameSession.findUniqueOrThrow({ where: { id } });
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: UNDER_FILLED, cancelledAt: app.clock.now });
  });

  it("keeps a session that has exactly its minimum players", async () => {
    const { id } = await sessionStartingIn(30, 3, 3);
    await cancelUnderFilledSessions(app.services, app.clock.now);
    expect(await statusOf(id)).toBe("scheduled");
  });

  it("does not count waitlisted players or observers toward the minimum", async () => {
    const { id, host } = await app.given.session({ startsInHours: 0.5, minPlayers: 2, seats: 2 });
    await app.given.join(id, await app.given.user());
    await app.given.join(id, await app.given.user(), "observer");
    expect(await statusOf(id)).toBe("scheduled");
    await cancelUnderFilledSessions(app.services, app.clock.now);
    expect(await statusOf(id)).toBe("cancelled");
    expect(host).toBeTruthy();
  });

  it("leaves active, paused, completed and cancelled sessions alone", async () => {
    const ids: Record<string, string> = {};
    for (const status of ["active", "paused", "completed", "cancelled"] as const) {
      const { id, host } = await sessionStartingIn(10, 0);
      const gm = app.as(host).session;
      if (status === "cancelled") await gm.cancel({ sessionId: id, reason: "GM's call" });
      else await gm.start({ sessionId: id });
      if (status === "paused") await gm.pause({ sessionId: id });
      if (status === "completed") await gm.end({ sessionId: id });
      ids[status] = id;
    }
    await cancelUnderFilledSessions(app.services, app.clock.now);
    for (const [status, id] of Object.entries(ids)) expect(await statusOf(id)).toBe(status);
    expect((await app.db.gameSession.findUniqueOrThrow({ where: { id: ids.cancelled! } })).cancelReason).toBe(
      "GM's call",
    );
  });

  it("notifies every participant still in the session, the GM included, once", async () => {
    // (Nobody can be waitlisted here: a waitlist exists only once all seats are taken.)
    const { id, host } = await app.given.session({ startsInHours: 0.5, minPlayers: 3, seats: 3 });
    const [seated, gone] = await app.given.users(2);
    await app.given.join(id, seated!);
    await app.given.join(id, gone!);
    await app.as(gone!).participant.leave({ sessionId: id });
    await cancelUnderFilledSessions(app.services, app.clock.now);
    await cancelUnderFilledSessions(app.services, app.clock.now);
    const notified = await app.db.notification.findMany({ where: { gameSessionId: id, type: "session_cancelled" } });
    expect(notified.map((n) => n.userId).sort()).toEqual([host.id, seated!.id].sort());
    expect(notified[0]!.title).toContain("not enough players");
  });

  it("two server processes sweeping at the same instant cancel each session once, notify each person once", async () => {
    const fresh = await createTestApp({ CANCEL_CUTOFF_MINUTES: "60" });
    try {
      for (let i = 0; i < 30; i++) {
        const { id } = await fresh.given.session({ startsInHours: 0.5, minPlayers: 3 });
        await fresh.given.join(id, await fresh.given.user());
      }
      const sweepAt = String(Date.now() + 2_000);
      const env = {
        ...process.env,
        DATABASE_URL: fresh.config.DATABASE_URL,
        NOW: fresh.clock.now.toISOString(),
        SWEEP_AT: sweepAt,
      };
      const reports = await Promise.all(
        [1, 2].map(async () => {
          const { stdout } = await run("npx", ["tsx", "tests/fixtures/sweep-once.ts"], { env });
          return JSON.parse(stdout.trim().split("\n").at(-1)!) as { cancelled: number };
        }),
      );
      expect(reports[0]!.cancelled + reports[1]!.cancelled).toBe(30);
      expect(await fresh.db.gameSession.count({ where: { status: "cancelled" } })).toBe(30);
      // One GM and one player per session: exactly two notifications each, never twice.
      const perPerson = await fresh.db.notification.groupBy({
        by: ["gameSessionId", "userId"],
        where: { type: "session_cancelled" },
        _count: true,
      });
      expect(perPerson).toHaveLength(60);
      expect(perPerson.every((row) => row._count === 1)).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it("reports how many sessions were due and how many it cancelled", async () => {
    const fresh = await createTestApp();
    try {
      await fresh.given.session({ startsInHours: 0.5, minPlayers: 1 });
      const full = await fresh.given.session({ startsInHours: 0.5, minPlayers: 1 });
      await fresh.given.join(full.id, await fresh.given.user());
      await fresh.given.session({ startsInHours: 5, minPlayers: 1 });
      const report = await cancelUnderFilledSessions(fresh.services, fresh.clock.now);
      expect(report).toMatchObject({ due: 2, cancelled: 1 });
      expect(report.ms).toBeGreaterThanOrEqual(0);
    } finally {
      await fresh.close();
    }
  });
});

describe("the deadline in the API", () => {
  it("gives each session its cancelDeadline and how many players it still needs", async () => {
    const { id } = await sessionStartingIn(180, 1, 3);
    const view = await app.as(await app.given.user()).session.byId({ sessionId: id });
    expect(view.playersNeeded).toBe(2);
    expect(view.cancelDeadline).toEqual(new Date(view.startsAt.getTime() - HOUR));
    const [listed] = (await app.as(await app.given.user()).session.list({ from: view.startsAt, limit: 1 })).items;
    expect(listed).toMatchObject({ id, playersNeeded: 2, cancelDeadline: view.cancelDeadline });
  });
});
