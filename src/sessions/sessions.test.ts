import { afterAll, describe, expect, it } from "vitest";
import { createTestApp, HOUR } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import type { AuthUser } from "../auth/lucia.ts";

const app = await createTestApp();
afterAll(() => app.close());

const inHours = (hours: number) => new Date(app.clock.now.getTime() + hours * HOUR);

describe("creating a session", () => {
  it("makes the creator its host GM, with a join code and sensible defaults", async () => {
    const gm = await app.given.user();
    const created = await app.as(gm).session.create({ title: "Tomb of Horrors", startsAt: inHours(24) });
    expect(created).toMatchObject({
      title: "Tomb of Horrors",
      status: "scheduled",
      hostId: gm.id,
      minPlayers: 2,
      maxPlayers: 6,
      allowLateJoin: false,
      playerCount: 0,
      openSeats: 6,
      gmNotes: null,
    });
    expect(created.joinCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    const participants = await app.as(gm).participant.list({ sessionId: created.id });
    expect(participants.map((p) => [p.userId, p.role, p.status])).toEqual([[gm.id, "master", "joined"]]);
  });

  it("gives every session its own join code", async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const { id, host } = await app.given.session();
      codes.add((await app.as(host).session.byId({ sessionId: id })).joinCode!);
    }
    expect(codes.size).toBe(5);
  });

  it("caps a host at 3 scheduled, active or paused sessions, even when asked at once", async () => {
    const gm = await app.given.user();
    const attempts = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((i) => app.as(gm).session.create({ title: `Night ${i}`, startsAt: inHours(24 + i) })),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(3);
    await expectRefusal(
      app.as(gm).session.create({ title: "One more", startsAt: inHours(30) }),
      "CONFLICT",
      "the limit is 3",
    );
    // Ending one frees a place under the cap.
    const [first] = (await app.as(gm).session.list({ mine: true })).items;
    await app.as(gm).session.cancel({ sessionId: first!.id });
    await app.as(gm).session.create({ title: "Rescheduled", startsAt: inHours(40) });
  });

  it("reads the cap from configuration", async () => {
    const strict = await createTestApp({ HOST_SESSION_CAP: "1" });
    try {
      const gm = await strict.given.user();
      await strict.given.session({ host: gm });
      await expectRefusal(strict.given.session({ host: gm }), "CONFLICT", "the limit is 1");
    } finally {
      await strict.close();
    }
  });

  it("refuses bad input with the field named, and stores nothing", async () => {
    const gm = await app.given.user();
    const before = await app.db.gameSession.count();
    const caller = app.as(gm).session;
    await expectRefusal(caller.create({ title: "", startsAt: inHours(2) }), "BAD_REQUEST", /^Title: /);
    await expectRefusal(caller.create({ title: "x", startsAt: inHours(-1) }), "BAD_REQUEST", /Starts: .*future/);
    await expectRefusal(
      caller.create({ title: "x", startsAt: inHours(2), minPlayers: 5, maxPlayers: 3 }),
      "BAD_REQUEST",
      /Minimum players: /,
    );
    await expectRefusal(
      caller.create({ title: "x", startsAt: inHours(2), endsAt: inHours(1) }),
      "BAD_REQUEST",
      /Ends: /,
    );
    await expectRefusal(
      caller.create({ title: "x", startsAt: inHours(2), maxPlayers: -1 }),
      "BAD_REQUEST",
      "Maximum players: enter a whole number from 1 to 100.",
    );
    // What an emptied number field sends: a sentence about the field, not "expected number, received NaN".
    const nan = await expectRefusal(
      caller.create({ title: "x", startsAt: inHours(2), minPlayers: Number.NaN }),
      "BAD_REQUEST",
      "Minimum players: enter a whole number from 1 to 100.",
    );
    expect(nan.message).toBe("Minimum players: enter a whole number from 1 to 100.");
    await expectRefusal(
      caller.create({ title: "x".repeat(10_000), startsAt: inHours(2) }),
      "BAD_REQUEST",
      "Title: use at most 120 characters.",
    );
    await expectRefusal(
      caller.create({ title: "x", startsAt: new Date("3000-01-01") }),
      "BAD_REQUEST",
      /Starts: that date is too far/,
    );
    // @ts-expect-error: a string is not a Date
    await expectRefusal(caller.create({ title: "x", startsAt: "tomorrow" }), "BAD_REQUEST", /Starts/);
    await expectRefusal(caller.create({ title: "x", startsAt: inHours(2), venueId: "nope" }), "NOT_FOUND", "venue");
    expect(await app.db.gameSession.count()).toBe(before);
  });

  it("refuses a start inside the cutoff: with no players yet, it would be cancelled at once", async () => {
    const gm = await app.given.user();
    await expectRefusal(
      app.as(gm).session.create({ title: "Tonight", startsAt: inHours(0.5) }),
      "BAD_REQUEST",
      /^Starts: start at least 60 minutes from now/,
    );
    const { id } = await app.as(gm).session.create({ title: "Later", startsAt: inHours(5), minPlayers: 1 });
    await expectRefusal(
      app.as(gm).session.update({ sessionId: id, startsAt: inHours(0.5) }),
      "BAD_REQUEST",
      /^Starts: /,
    );
    // With its minimum reached, a session may move closer.
    await app.given.join(id, await app.given.user());
    expect((await app.as(gm).session.update({ sessionId: id, startsAt: inHours(0.5) })).startsAt).toEqual(inHours(0.5));
  });

  it("inside a campaign, only its GM (or an admin) schedules sessions", async () => {
    const [campaignGm, otherGm] = await app.given.users(2);
    const admin = await app.given.user({ role: "admin" });
    const campaign = await app.db.campaign.create({
      data: { title: "Curse of Strahd", gmId: campaignGm!.id, inviteCode: "CAMPAIGN-1" },
    });
    const input = { title: "Chapter 1", startsAt: inHours(24), campaignId: campaign.id };
    await expectRefusal(app.as(otherGm!).session.create(input), "FORBIDDEN", "campaign's GM");
    expect((await app.as(campaignGm!).session.create(input)).campaign).toEqual({
      id: campaign.id,
      title: "Curse of Strahd",
      scenario: null,
    });
    expect((await app.as(admin).session.create(input)).hostId).toBe(admin.id);
  });
});

describe("editing and deleting", () => {
  it("lets the host GM and admins edit, nobody else", async () => {
    const { id, host } = await app.given.session();
    const [player, otherGm] = await app.given.users(2);
    const admin = await app.given.user({ role: "admin" });
    await app.given.join(id, player!);
    for (const outsider of [player!, otherGm!]) {
      await expectRefusal(app.as(outsider).session.update({ sessionId: id, title: "Mine now" }), "FORBIDDEN");
    }
    await expectRefusal(app.as(null).session.update({ sessionId: id, title: "x" }), "UNAUTHORIZED");
    expect((await app.as(host).session.update({ sessionId: id, title: "Renamed" })).title).toBe("Renamed");
    const edited = await app
      .as(admin)
      .session.update({ sessionId: id, allowLateJoin: true, description: "Bring dice" });
    expect(edited).toMatchObject({ title: "Renamed", allowLateJoin: true, description: "Bring dice", maxPlayers: 6 });
  });

  it("tells joined and waitlisted players when it moves or changes venue, old and new; not for other edits", async () => {
    const { id, host } = await app.given.session({ seats: 1, minPlayers: 1, startsInHours: 48 });
    const [seated, waiting, gone] = await app.given.users(3);
    for (const player of [seated!, waiting!, gone!]) await app.given.join(id, player);
    await app.as(gone!).participant.leave({ sessionId: id });
    const venue = await app.db.venue.create({ data: { name: "The Dice Tower", createdById: host.id } });
    const before = await app.as(host).session.byId({ sessionId: id });
    const notices = () =>
      app.db.notification.findMany({
        where: { gameSessionId: id, type: "session_updated" },
        orderBy: { userId: "asc" },
      });

    await app.as(host).session.update({ sessionId: id, title: "Renamed", description: "Bring snacks" });
    expect(await notices()).toEqual([]);

    const startsAt = new Date(before.startsAt.getTime() + 24 * HOUR);
    const endsAt = new Date(startsAt.getTime() + 3 * HOUR);
    await app.as(host).session.update({ sessionId: id, startsAt, endsAt, venueId: venue.id });
    const sent = await notices();
    expect(sent.map((n) => n.userId).sort()).toEqual([seated!.id, waiting!.id].sort());
    const utc = (date: Date) =>
      `${date.toLocaleString("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" })} UTC`;
    for (const notice of sent) {
      expect(notice.title).toBe('"Renamed" has a new time.');
      expect(notice.body).toBe(
        `Starts: ${utc(startsAt)} (was ${utc(before.startsAt)}). Ends: ${utc(endsAt)}. Venue: The Dice Tower (was none).`,
      );
      expect(notice.data).toEqual({
        before: { startsAt: before.startsAt.toISOString(), endsAt: null, venue: null },
        after: {
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          venue: { id: venue.id, name: "The Dice Tower" },
        },
      });
    }
    // They reach each player's inbox, with the data to show the times in their own zone.
    const [inbox] = (await app.as(seated!).notification.list({ limit: 5 })).items;
    expect(inbox).toMatchObject({
      type: "session_updated",
      data: { after: { startsAt: startsAt.toISOString() } },
      gameSession: { startsAt }, // the inbox says when the session is
    });
  });

  it("checks edits against the stored values and refuses edits of final sessions", async () => {
    const { id, host } = await app.given.session({ seats: 4, minPlayers: 2 });
    const gm = app.as(host).session;
    await expectRefusal(gm.update({ sessionId: id, minPlayers: 5 }), "BAD_REQUEST", /Minimum players/);
    await expectRefusal(gm.update({ sessionId: id, startsAt: inHours(-2) }), "BAD_REQUEST", /Starts/);
    await expectRefusal(gm.update({ sessionId: id, endsAt: inHours(1) }), "BAD_REQUEST", /Ends/);
    await gm.cancel({ sessionId: id });
    await expectRefusal(gm.update({ sessionId: id, title: "Back" }), "CONFLICT", "cancelled session cannot be edited");
  });

  it("deletes an empty scheduled or a cancelled session; refuses others so players hear of it", async () => {
    const empty = await app.given.session();
    await app.as(empty.host).session.delete({ sessionId: empty.id });
    expect(await app.db.gameSession.findUnique({ where: { id: empty.id } })).toBeNull();

    const busy = await app.given.session();
    await app.given.join(busy.id, await app.given.user());
    await expectRefusal(app.as(busy.host).session.delete({ sessionId: busy.id }), "CONFLICT", "cancel it instead");
    await app.as(busy.host).session.cancel({ sessionId: busy.id });
    await app.as(busy.host).session.delete({ sessionId: busy.id });

    const played = await app.given.session();
    await app.as(played.host).session.start({ sessionId: played.id });
    await expectRefusal(app.as(played.host).session.delete({ sessionId: played.id }), "CONFLICT", "keeps its record");
    const stopped = await app.given.session();
    await app.as(stopped.host).session.start({ sessionId: stopped.id });
    await app.as(stopped.host).session.cancel({ sessionId: stopped.id });
    await expectRefusal(app.as(stopped.host).session.delete({ sessionId: stopped.id }), "CONFLICT", "keeps its record");
    await expectRefusal(app.as(await app.given.user()).session.delete({ sessionId: played.id }), "FORBIDDEN");
    await expectRefusal(app.as(played.host).session.delete({ sessionId: "missing" }), "NOT_FOUND");
  });

  it("lets only the host GM or an admin change the status", async () => {
    const { id, host } = await app.given.session();
    const [player, otherGm] = await app.given.users(2);
    const admin = await app.given.user({ role: "admin" });
    await app.given.join(id, player!);
    for (const action of ["start", "pause", "resume", "end", "cancel"] as const) {
      await expectRefusal(app.as(null).session[action]({ sessionId: id }), "UNAUTHORIZED");
      await expectRefusal(app.as(player!).session[action]({ sessionId: id }), "FORBIDDEN");
      await expectRefusal(app.as(otherGm!).session[action]({ sessionId: id }), "FORBIDDEN");
    }
    expect((await app.as(admin).session.start({ sessionId: id })).status).toBe("active");
    const started = await app.db.notification.findMany({ where: { gameSessionId: id, type: "session_started" } });
    expect(started.map((n) => n.userId).sort()).toEqual([player!.id, host.id].sort());
  });
});

describe("reading sessions", () => {
  it("shows GM notes and the join code to the host GM and admins only", async () => {
    const { id, host } = await app.given.session();
    await app.db.gameSession.update({ where: { id }, data: { gmNotes: "The dragon is a mimic." } });
    const player = await app.given.user();
    const admin = await app.given.user({ role: "admin" });
    await app.given.join(id, player!);
    expect(await app.as(host).session.byId({ sessionId: id })).toMatchObject({ gmNotes: "The dragon is a mimic." });
    expect((await app.as(admin).session.byId({ sessionId: id })).gmNotes).toBe("The dragon is a mimic.");
    const seen = await app.as(player).session.byId({ sessionId: id });
    expect(seen.gmNotes).toBeNull();
    expect(seen.joinCode).toBeNull();
    const listed = await app.as(player).session.list({});
    expect(JSON.stringify(listed)).not.toContain("mimic");
    // A public session is open to signed-out visitors, without what only its GM sees.
    const anonymous = await app.as(null).session.byId({ sessionId: id });
    expect([anonymous.gmNotes, anonymous.joinCode, anonymous.discordWebhookUrl]).toEqual([null, null, null]);
    await expectRefusal(app.as(player).session.byId({ sessionId: "nope" }), "NOT_FOUND");
  });

  it("regenerates the join code (GM or admin only); the old code stops working", async () => {
    const { id, host } = await app.given.session();
    const { joinCode: old } = await app.as(host).session.byId({ sessionId: id });
    const player = await app.given.user();
    await expectRefusal(app.as(player).session.regenerateJoinCode({ sessionId: id }), "FORBIDDEN");
    await expectRefusal(app.as(null).session.regenerateJoinCode({ sessionId: id }), "UNAUTHORIZED");
    const { joinCode } = await app.as(host).session.regenerateJoinCode({ sessionId: id });
    expect(joinCode).not.toBe(old);
    await expectRefusal(app.as(player).participant.joinByCode({ code: old! }), "NOT_FOUND");
    expect((await app.as(player).participant.joinByCode({ code: joinCode })).status).toBe("joined");
  });

  it("finds a session by join code", async () => {
    const { id, host } = await app.given.session();
    const { joinCode } = await app.as(host).session.byId({ sessionId: id });
    const player = await app.given.user();
    expect((await app.as(player).session.byJoinCode({ code: joinCode! })).id).toBe(id);
    await expectRefusal(app.as(player).session.byJoinCode({ code: "NOPE" }), "NOT_FOUND", "join code");
    // A signed-out visitor with the link sees what they would join, and no join code.
    const anonymous = await app.as(null).session.byJoinCode({ code: joinCode! });
    expect([anonymous.id, anonymous.joinCode, anonymous.myPlace]).toEqual([id, null, null]);
  });
});

const listApp = await createTestApp();
describe("listing sessions", () => {
  afterAll(() => listApp.close());
  const hoursFromNow = (h: number) => new Date(listApp.clock.now.getTime() + h * HOUR);

  it("filters by campaign, venue, dates, status, open seats and mine; pages by cursor in startsAt order", async () => {
    const [gmA, gmB, gmC, player] = await listApp.given.users(4);
    const venue = await listApp.db.venue.create({ data: { name: "The Dice Tower", createdById: gmA!.id } });
    const campaign = await listApp.db.campaign.create({ data: { title: "Saga", gmId: gmB!.id, inviteCode: "SAGA" } });
    const mk = (host: AuthUser | undefined, title: string, hours: number, extra: object = {}) =>
      listApp
        .as(host!)
        .session.create({ title, startsAt: hoursFromNow(hours), maxPlayers: 2, minPlayers: 1, ...extra });
    await mk(gmA, "late", 72, { venueId: venue.id });
    await mk(gmA, "early", 2);
    const middle = await mk(gmB, "middle", 24, { campaignId: campaign.id });
    const full = await mk(gmB, "full", 48);
    const gone = await mk(gmC, "gone", 30);
    const [p1, p2] = await listApp.given.users(2);
    await listApp.given.join(full.id, p1!);
    await listApp.given.join(full.id, p2!);
    await listApp.given.join(middle.id, player!);
    await listApp.as(gmC!).session.cancel({ sessionId: gone.id });

    const titles = async (input: Parameters<ReturnType<typeof listApp.as>["session"]["list"]>[0]) =>
      (await listApp.as(player!).session.list(input)).items.map((s) => s.title);

    expect(await titles({})).toEqual(["early", "middle", "gone", "full", "late"]);
    expect(await titles({ campaignId: campaign.id })).toEqual(["middle"]);
    expect(await titles({ venueId: venue.id })).toEqual(["late"]);
    expect(await titles({ from: hoursFromNow(20), to: hoursFromNow(48) })).toEqual(["middle", "gone"]);
    // To the millisecond, whatever the server's zone (tests run at +05:45): from is in, to is out.
    expect(await titles({ from: hoursFromNow(24), to: hoursFromNow(48) })).toEqual(["middle", "gone"]);
    expect(await titles({ from: new Date(hoursFromNow(24).getTime() + 1), to: hoursFromNow(48.0001) })).toEqual([
      "gone",
      "full",
    ]);
    expect(await titles({ status: ["cancelled"] })).toEqual(["gone"]);
    expect(await titles({ openSeats: true, status: ["scheduled"] })).toEqual(["early", "middle", "late"]);
    expect(await titles({ mine: true })).toEqual(["middle"]);
    expect((await listApp.as(gmA!).session.list({ mine: true })).items.map((s) => s.title)).toEqual(["early", "late"]);

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<ReturnType<typeof listApp.as>["session"]["list"]>> = await listApp
        .as(player!)
        .session.list({ limit: 2, cursor });
      pages.push(page.items.map((s) => s.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual([["early", "middle"], ["gone", "full"], ["late"]]);
  });

  it("tells each viewer their own place in every listed session, and the game system", async () => {
    const gm = await app.given.user({ name: "Listing GM" });
    const scenario = await app.as(gm).scenario.create({ title: "Deep Dungeon", gameSystem: "Dungeon World" });
    const campaign = await app
      .as(gm)
      .campaign.create({ title: "Delvers", scenarioId: scenario.id, defaultVisibility: "public" });
    const full = await app.as(gm).session.create({
      title: "Full one",
      startsAt: inHours(30),
      maxPlayers: 1,
      minPlayers: 1,
      campaignId: campaign.id,
    });
    const [seated, waiting, looking] = await app.given.users(3);
    await app.given.join(full.id, seated!);
    await app.given.join(full.id, waiting!);
    const placeIn = async (who: AuthUser) =>
      (await app.as(who).session.list({ campaignId: campaign.id })).items.find((s) => s.id === full.id);
    expect((await placeIn(seated!))?.myPlace).toEqual({ role: "player", status: "joined", waitlistPosition: null });
    expect((await placeIn(waiting!))?.myPlace).toEqual({ role: "player", status: "waitlisted", waitlistPosition: 1 });
    expect((await placeIn(gm))?.myPlace).toMatchObject({ role: "master", status: "joined" });
    const stranger = await placeIn(looking!);
    expect(stranger?.myPlace).toBeNull();
    expect(stranger?.campaign?.scenario?.gameSystem).toBe("Dungeon World");
    // The session takes its system from the campaign's scenario when none is typed.
    expect(stranger?.gameSystem).toBe("Dungeon World");
  });

  it("refuses bad filters with the field named", async () => {
    const user = await listApp.given.user();
    await expectRefusal(listApp.as(user).session.list({ limit: 0 }), "BAD_REQUEST", /^How many: /);
    await expectRefusal(listApp.as(user).session.list({ limit: 1000 }), "BAD_REQUEST", /^How many: /);
    // @ts-expect-error: not a status
    await expectRefusal(listApp.as(user).session.list({ status: ["done"] }), "BAD_REQUEST", /^Status: /);
    await expectRefusal(listApp.as(null).session.list({ mine: true }), "UNAUTHORIZED", "Sign in");
  });
});
