// Recurring series on both databases: occurrences up to the horizon, the job that
// extends them, "this and following" edits, ending a series, seating a campaign's
// members, and the host cap that counts a series once.
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import { testProvider } from "../../tests/setup/test-database.ts";
import type { AuthUser } from "../auth/lucia.ts";
import { extendSeries } from "./horizon.ts";

const app = await createTestApp(); // the clock: Saturday 2026-03-14 18:00 UTC
afterAll(() => app.close());

const DAY = 86_400_000;
/** Friday 2026-03-20, 19:00 in Paris (CET); Paris moves to summer time on 2026-03-29. */
const FIRST = new Date("2026-03-20T18:00:00Z");

const weekly = (gm: AuthUser, extra: Record<string, unknown> = {}) =>
  app.as(gm).series.create({
    title: "Curse of Strahd",
    startsAt: FIRST,
    endsAt: new Date(FIRST.getTime() + 4 * 3_600_000),
    timeZone: "Europe/Paris",
    repeat: { frequency: "weekly", interval: 1 },
    minPlayers: 1,
    maxPlayers: 4,
    ...extra,
  });

const occurrences = (seriesId: string) =>
  app.db.gameSession.findMany({
    where: { seriesId },
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true, endsAt: true, status: true, venueId: true, maxPlayers: true, joinCode: true },
  });

describe("a weekly series", () => {
  it("creates ordinary sessions up to the horizon, at 19:00 Paris time across the clock change", async () => {
    const gm = await app.given.user();
    const { seriesId, first } = await weekly(gm);
    expect(first).toMatchObject({ title: "Curse of Strahd", startsAt: FIRST, seriesId, hostId: gm.id });
    const created = await occurrences(seriesId);
    // 56 days ahead of Saturday 14 March: eight Fridays, 20 March to 8 May.
    expect(created.map((o) => o.startsAt.toISOString())).toEqual([
      "2026-03-20T18:00:00.000Z",
      "2026-03-27T18:00:00.000Z",
      "2026-04-03T17:00:00.000Z",
      "2026-04-10T17:00:00.000Z",
      "2026-04-17T17:00:00.000Z",
      "2026-04-24T17:00:00.000Z",
      "2026-05-01T17:00:00.000Z",
      "2026-05-08T17:00:00.000Z",
    ]);
    // Each its own session: four hours long, its own join code, its GM seated, its reminders.
    expect(new Set(created.map((o) => o.joinCode)).size).toBe(8);
    expect(created.every((o) => o.endsAt!.getTime() - o.startsAt.getTime() === 4 * 3_600_000)).toBe(true);
    const second = created[1]!;
    expect(await app.db.participant.count({ where: { gameSessionId: second.id, role: "master" } })).toBe(1);
    expect(await app.db.sessionReminder.count({ where: { gameSessionId: second.id } })).toBe(2);
    expect(await app.as(gm).series.ofSession({ sessionId: second.id })).toMatchObject({
      description: "every week on Friday at 19:00 (Europe/Paris)",
      canManage: true,
      endedAt: null,
    });
  });

  it("the job adds occurrences as the horizon moves, once, and never brings back a cancelled one", async () => {
    const gm = await app.given.user();
    const { seriesId } = await weekly(gm);
    const [firstOne, secondOne] = await occurrences(seriesId);
    await app.as(gm).session.cancel({ sessionId: secondOne!.id });
    expect(await extendSeries(app.services, app.clock.now)).toEqual({ created: 0 });
    const later = new Date(app.clock.now.getTime() + 7 * DAY);
    // Two server processes at once (PostgreSQL: SQLite is the one-process setup, where
    // runs follow each other): one of them creates the new Friday.
    const second = await createTestApp({ DATABASE_URL: app.config.DATABASE_URL });
    try {
      const run = (services: typeof app.services) => extendSeries(services, later);
      if (testProvider === "postgresql") await Promise.all([run(app.services), run(second.services)]);
      else for (const services of [app.services, second.services]) await run(services);
    } finally {
      await second.close();
    }
    const after = await occurrences(seriesId);
    expect(after.map((o) => o.startsAt.toISOString())).toHaveLength(9);
    expect(after.at(-1)?.startsAt.toISOString()).toBe("2026-05-15T17:00:00.000Z");
    expect(after.find((o) => o.id === secondOne!.id)?.status).toBe("cancelled");
    expect(after[0]?.id).toBe(firstOne!.id);
  });

  it("ends by itself after its count, and then no longer counts against the cap once its sessions are over", async () => {
    const gm = await app.given.user();
    const { seriesId } = await weekly(gm, { repeat: { frequency: "weekly", interval: 2, count: 3 } });
    expect((await occurrences(seriesId)).map((o) => o.startsAt.toISOString())).toEqual([
      "2026-03-20T18:00:00.000Z",
      "2026-04-03T17:00:00.000Z",
      "2026-04-17T17:00:00.000Z",
    ]);
    const series = await app.db.sessionSeries.findUniqueOrThrow({ where: { id: seriesId } });
    expect(series.endedAt).not.toBeNull();
    expect(await app.as(gm).session.hostCap()).toMatchObject({ hosting: 1, limit: 3 });
    for (const o of await occurrences(seriesId)) await app.as(gm).session.cancel({ sessionId: o.id });
    expect(await app.as(gm).session.hostCap()).toMatchObject({ hosting: 0 });
  });
});

describe("the host cap", () => {
  it("counts a series once, so a weekly campaign books a year; the form can say the cap first", async () => {
    const strict = await createTestApp({ HOST_SESSION_CAP: "2" });
    try {
      const gm = await strict.given.user();
      const year = {
        title: "Weekly",
        startsAt: FIRST,
        timeZone: "Europe/Paris",
        repeat: { frequency: "weekly" as const, interval: 1, until: "2027-03-19" },
      };
      await strict.as(gm).series.create(year);
      expect(await strict.db.gameSession.count({ where: { hostId: gm.id } })).toBe(8);
      expect(await strict.as(gm).session.hostCap()).toEqual({
        hosting: 1,
        limit: 2,
        full: false,
        rule: "Each one-off session counts until it ends; a repeating series counts once.",
      });
      await strict.given.session({ host: gm });
      expect(await strict.as(gm).session.hostCap()).toMatchObject({ hosting: 2, full: true });
      await expectRefusal(
        strict.as(gm).series.create(year),
        "CONFLICT",
        /already host 2 .*the limit is 2\. .*series counts once/,
      );
      await expectRefusal(strict.given.session({ host: gm }), "CONFLICT", "the limit is 2");
    } finally {
      await strict.close();
    }
  });
});

describe("editing a series", () => {
  it("this and following: a new time, venue and seats; started, cancelled and earlier occurrences untouched", async () => {
    const gm = await app.given.user();
    const player = await app.given.user();
    const { seriesId } = await weekly(gm);
    const [running, cancelled, earlier, from, next] = await occurrences(seriesId);
    await app.as(gm).session.start({ sessionId: running!.id });
    await app.as(gm).session.cancel({ sessionId: cancelled!.id });
    await app.given.join(next!.id, player);
    const venue = await app.as(gm).venue.create({ name: "The Back Room", address: "12 Market Street" });

    // 19:00 -> 18:30 Paris time, from the fourth Friday (10 April) on.
    const { updated } = await app.as(gm).series.updateFollowing({
      sessionId: from!.id,
      startsAt: new Date("2026-04-10T16:30:00Z"),
      venueId: venue.id,
      maxPlayers: 5,
    });
    expect(updated).toBe(5);
    const after = await occurrences(seriesId);
    const byId = new Map(after.map((o) => [o.id, o]));
    for (const untouched of [running!, cancelled!, earlier!]) {
      expect(byId.get(untouched.id)).toMatchObject({ startsAt: untouched.startsAt, venueId: null, maxPlayers: 4 });
    }
    expect(byId.get(from!.id)).toMatchObject({ venueId: venue.id, maxPlayers: 5 });
    expect(after.slice(3).map((o) => o.startsAt.toISOString())).toEqual([
      "2026-04-10T16:30:00.000Z",
      "2026-04-17T16:30:00.000Z",
      "2026-04-24T16:30:00.000Z",
      "2026-05-01T16:30:00.000Z",
      "2026-05-08T16:30:00.000Z",
    ]);
    // The player of a moved occurrence hears of it; the end moved with the start.
    expect(byId.get(next!.id)!.endsAt!.getTime() - byId.get(next!.id)!.startsAt.getTime()).toBe(4 * 3_600_000);
    const told = await app.db.notification.findMany({ where: { userId: player.id, gameSessionId: next!.id } });
    expect(told.map((n) => n.type)).toContain("session_updated");
    // Later occurrences follow the new time and venue.
    await extendSeries(app.services, new Date(app.clock.now.getTime() + 7 * DAY));
    const newest = (await occurrences(seriesId)).at(-1)!;
    expect(newest).toMatchObject({ venueId: venue.id, maxPlayers: 5 });
    expect(newest.startsAt.toISOString()).toBe("2026-05-15T16:30:00.000Z");
  });

  it("refuses an edit that would move to another day, start a started occurrence, or strand players, and changes nothing", async () => {
    const gm = await app.given.user();
    const { seriesId } = await weekly(gm, { maxPlayers: 3 });
    const [first, second] = await occurrences(seriesId);
    const players = await app.given.users(3);
    for (const p of players) await app.given.join(second!.id, p);
    await expectRefusal(
      app.as(gm).series.updateFollowing({ sessionId: second!.id, startsAt: new Date("2026-03-28T18:00:00Z") }),
      "BAD_REQUEST",
      /Starts: A series keeps its day/,
    );
    await expectRefusal(
      app.as(gm).series.updateFollowing({ sessionId: first!.id, maxPlayers: 2 }),
      "CONFLICT",
      /3 players have joined the session of 2026-03-27/,
    );
    await app.as(gm).session.start({ sessionId: first!.id });
    await expectRefusal(
      app.as(gm).series.updateFollowing({ sessionId: first!.id, title: "Renamed" }),
      "CONFLICT",
      /has started or ended/,
    );
    const outsider = await app.given.user();
    await expectRefusal(app.as(outsider).series.updateFollowing({ sessionId: second!.id, title: "Mine" }), "FORBIDDEN");
    await expectRefusal(
      app.as(gm).series.updateFollowing({ sessionId: second!.id, title: "x", colour: "red" } as never),
      "BAD_REQUEST",
      /Unknown field "colour"/,
    );
    // Signed out: nothing; a player of the series: not theirs to edit or end; an admin may.
    await app.given.join(second!.id, await app.given.user());
    const seated = (
      await app.db.participant.findFirstOrThrow({
        where: { gameSessionId: second!.id, role: "player" },
        select: { userId: true },
      })
    ).userId;
    const player = {
      ...(await app.db.user.findUniqueOrThrow({
        where: { id: seated },
        select: { id: true, email: true, displayName: true, role: true },
      })),
    };
    await expectRefusal(
      app
        .as(null)
        .series.create({ title: "x", startsAt: FIRST, timeZone: "UTC", repeat: { frequency: "weekly", interval: 1 } }),
      "UNAUTHORIZED",
    );
    await expectRefusal(app.as(null).series.ofSession({ sessionId: second!.id }), "UNAUTHORIZED");
    await expectRefusal(app.as(null).session.hostCap(), "UNAUTHORIZED");
    await expectRefusal(app.as(null).series.end({ sessionId: second!.id }), "UNAUTHORIZED");
    await expectRefusal(app.as(player).series.end({ sessionId: second!.id }), "FORBIDDEN");
    await expectRefusal(app.as(player).series.updateFollowing({ sessionId: second!.id, title: "Mine" }), "FORBIDDEN");
    const admin = await app.given.user({ role: "admin" });
    expect(await app.as(admin).series.ofSession({ sessionId: second!.id })).toMatchObject({ canManage: true });
    const oneOff = await app.given.session({ host: gm });
    await expectRefusal(app.as(gm).series.end({ sessionId: oneOff.id }), "BAD_REQUEST", /not part of a series/);
    expect((await occurrences(seriesId)).every((o) => o.maxPlayers === 3)).toBe(true);
    expect(await app.db.gameSession.count({ where: { seriesId, title: { not: "Curse of Strahd" } } })).toBe(0);
  });

  it("ending the series cancels exactly the occurrences still to come and tells their players", async () => {
    const gm = await app.given.user();
    const { seriesId } = await weekly(gm);
    const all = await occurrences(seriesId);
    const [running, ...coming] = all;
    const player = await app.given.user();
    await app.given.join(running!.id, player);
    for (const o of coming) await app.given.join(o.id, player);
    await app.as(gm).session.start({ sessionId: running!.id });

    expect(await app.as(gm).series.end({ sessionId: coming[2]!.id })).toEqual({ cancelled: 7 });
    const after = await occurrences(seriesId);
    expect(after.map((o) => o.status)).toEqual(["active", ...coming.map(() => "cancelled")]);
    const cancellations = await app.db.notification.findMany({
      where: { userId: player.id, type: "session_cancelled" },
      select: { gameSessionId: true },
    });
    expect(cancellations.map((n) => n.gameSessionId).sort()).toEqual(coming.map((o) => o.id).sort());
    await extendSeries(app.services, new Date(app.clock.now.getTime() + 30 * DAY));
    expect(await occurrences(seriesId)).toHaveLength(all.length);
    expect(await app.as(player).series.ofSession({ sessionId: running!.id })).toMatchObject({ canManage: false });
  });
});

describe("a campaign's series that seats its members", () => {
  it("seats members in a fair, stated order past the seats; a member can leave one date", async () => {
    const gm = await app.given.user();
    const campaign = await app.as(gm).campaign.create({ title: "Barovia" });
    const members = await app.given.users(5);
    for (const member of members) {
      app.advance(1000); // distinct campaign join times: the tie-break
      await app.as(member).campaign.joinByCode({ code: campaign.inviteCode! });
    }
    const { seriesId } = await weekly(gm, { campaignId: campaign.id, seatMembers: true, maxPlayers: 3 });
    const [first, second, third] = await occurrences(seriesId);
    const seating = async (sessionId: string) => {
      const rows = await app.db.participant.findMany({
        where: { gameSessionId: sessionId, role: "player" },
        orderBy: { joinOrder: "asc" },
        select: { userId: true, status: true },
      });
      const name = (id: string) => `m${members.findIndex((m) => m.id === id) + 1}`;
      return rows.map((r) => `${name(r.userId)}:${r.status === "joined" ? "seat" : "wait"}`);
    };
    // Fewest seats in this series so far first; ties in campaign order.
    expect(await seating(first!.id)).toEqual(["m1:seat", "m2:seat", "m3:seat", "m4:wait", "m5:wait"]);
    expect(await seating(second!.id)).toEqual(["m4:seat", "m5:seat", "m1:seat", "m2:wait", "m3:wait"]);
    expect(await seating(third!.id)).toEqual(["m2:seat", "m3:seat", "m4:seat", "m5:wait", "m1:wait"]);
    // Members heard of the first date only, not of eight at once.
    expect(await app.db.notification.count({ where: { userId: members[0]!.id, type: "participant_added" } })).toBe(1);

    // "Can't make it": m1 leaves the first date; m4, first in line, takes the seat.
    await app.as(members[0]!).participant.leave({ sessionId: first!.id });
    const firstSeats = await app.db.participant.findMany({
      where: { gameSessionId: first!.id, role: "player", status: "joined" },
      select: { userId: true },
    });
    expect(firstSeats.map((p) => p.userId).sort()).toEqual([members[1]!.id, members[2]!.id, members[3]!.id].sort());
    expect(await seating(second!.id)).toContain("m1:seat");
  });

  it("refuses to seat members without a campaign, and dates that end before they start", async () => {
    const gm = await app.given.user();
    await expectRefusal(weekly(gm, { seatMembers: true }), "BAD_REQUEST", /Seat the members: .*choose the campaign/);
    await expectRefusal(
      weekly(gm, { repeat: { frequency: "weekly", interval: 1, until: "2026-03-01" } }),
      "BAD_REQUEST",
      /Until: the last day must not come before the first session/,
    );
    await expectRefusal(
      weekly(gm, { repeat: { frequency: "weekly", interval: 1, until: "2026-06-01", count: 4 } }),
      "BAD_REQUEST",
      /not both/,
    );
    await expectRefusal(
      weekly(gm, { repeat: { frequency: "daily", interval: 1 } }),
      "BAD_REQUEST",
      /Repeats: choose weekly or monthly/,
    );
    await expectRefusal(weekly(gm, { timeZone: "Mars/Olympus" }), "BAD_REQUEST", /Time zone: /);
    const other = await app.given.user();
    const campaign = await app.as(other).campaign.create({ title: "Not mine" });
    await expectRefusal(weekly(gm, { campaignId: campaign.id }), "FORBIDDEN");
    expect(await app.db.sessionSeries.count({ where: { hostId: gm.id } })).toBe(0);
  });
});
