import { afterAll, describe, expect, it } from "vitest";
import { createTestApp, HOUR } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import { sendLastCalls } from "./last-call.ts";
import { excerpt, sendDueReminders } from "./reminders.ts";

const app = await createTestApp({ CANCEL_CUTOFF_MINUTES: "60", LAST_CALL_MINUTES: "1440" });
afterAll(() => app.close());

const MINUTE = 60_000;
const remindersOf = async (userId: string) =>
  (
    await app.db.notification.findMany({ where: { userId, type: "session_reminder" }, orderBy: { createdAt: "asc" } })
  ).map((n) => n.title);
const lastCallsOf = (userId: string) =>
  app.db.notification.findMany({ where: { userId, type: "last_call" }, orderBy: { createdAt: "asc" } });

describe("reminders", () => {
  it("come at the GM's offsets, once each, to the joined players and the GM; none after the start", async () => {
    const { id, host } = await app.given.session({ startsInHours: 48, minPlayers: 1, reminderMinutes: [1440, 30] });
    const [player, waiting] = await app.given.users(2);
    await app.given.join(id, player!);
    await app.as(host).session.update({ sessionId: id, maxPlayers: 1 });
    await app.given.join(id, waiting!); // waitlisted: not at the table, no reminder
    expect((await app.as(host).session.byId({ sessionId: id })).reminderMinutes).toEqual([1440, 30]);
    expect((await app.as(player!).session.byId({ sessionId: id })).reminderMinutes).toBeNull(); // the GM's form only

    expect(await sendDueReminders(app.services, app.clock.now)).toEqual({ reminded: 0, dropped: 0 });
    app.advance(24 * HOUR - MINUTE);
    await sendDueReminders(app.services, app.clock.now);
    expect(await remindersOf(player!.id)).toEqual([]);
    app.advance(MINUTE);
    expect(await sendDueReminders(app.services, app.clock.now)).toEqual({ reminded: 1, dropped: 0 });
    expect(await sendDueReminders(app.services, app.clock.now)).toEqual({ reminded: 0, dropped: 0 });
    expect(await remindersOf(player!.id)).toEqual(['"The Sunless Citadel" starts in 24 hours.']);
    expect(await remindersOf(host.id)).toEqual(['"The Sunless Citadel" starts in 24 hours.']);
    expect(await remindersOf(waiting!.id)).toEqual([]);

    app.advance(23.5 * HOUR);
    await sendDueReminders(app.services, app.clock.now);
    expect(await remindersOf(player!.id)).toEqual([
      '"The Sunless Citadel" starts in 24 hours.',
      '"The Sunless Citadel" starts in 30 minutes.',
    ]);
    app.advance(HOUR);
    expect(await sendDueReminders(app.services, app.clock.now)).toEqual({ reminded: 0, dropped: 0 });
  });

  it("after a restart, catch up only what is still before the start", async () => {
    const { id } = await app.given.session({ startsInHours: 30, minPlayers: 1, reminderMinutes: [1440, 60] });
    const player = await app.given.user();
    await app.given.join(id, player);
    // The server is down when the 24-hour reminder is due, back an hour later: it is caught up.
    app.advance(7 * HOUR);
    expect(await sendDueReminders(app.services, app.clock.now)).toEqual({ reminded: 1, dropped: 0 });
    // Down again from before the 1-hour reminder until after the start: that one is dropped.
    app.advance(24 * HOUR);
    expect(await sendDueReminders(app.services, app.clock.now)).toEqual({ reminded: 0, dropped: 1 });
    expect(await remindersOf(player.id)).toEqual(['"The Sunless Citadel" starts in 24 hours.']);
  });

  it("after a long outage, only the nearest of the reminders due at once goes out", async () => {
    const { id } = await app.given.session({ startsInHours: 30, minPlayers: 1, reminderMinutes: [1440, 60] });
    const player = await app.given.user();
    await app.given.join(id, player);
    app.advance(29.5 * HOUR); // both are due; the start is 30 minutes away
    expect(await sendDueReminders(app.services, app.clock.now)).toEqual({ reminded: 1, dropped: 1 });
    expect(await remindersOf(player.id)).toEqual(['"The Sunless Citadel" starts in 1 hour.']);
  });

  it("follow a reschedule; a session set up inside an offset skips that one; the GM sets up to 5", async () => {
    const { id, host } = await app.given.session({ startsInHours: 10, minPlayers: 1 });
    const player = await app.given.user();
    await app.given.join(id, player);
    // The 24-hour reminder was already past when the session was set up: never sent.
    app.advance(9 * HOUR);
    await sendDueReminders(app.services, app.clock.now);
    expect(await remindersOf(player.id)).toEqual(['"The Sunless Citadel" starts in 1 hour.']);
    // Moved three days on: both reminders come again, for the new time.
    const { startsAt } = await app.as(host).session.byId({ sessionId: id });
    await app.as(host).session.update({ sessionId: id, startsAt: new Date(startsAt.getTime() + 72 * HOUR) });
    app.advance(49 * HOUR);
    await sendDueReminders(app.services, app.clock.now);
    expect((await remindersOf(player.id)).slice(1)).toEqual(['"The Sunless Citadel" starts in 24 hours.']);

    await app.as(host).session.update({ sessionId: id, reminderMinutes: [10_080, 2_880, 180, 15, 5] });
    expect((await app.as(host).session.byId({ sessionId: id })).reminderMinutes).toEqual([10_080, 2_880, 180, 15, 5]);
    await expectRefusal(
      app.as(host).session.update({ sessionId: id, reminderMinutes: [1, 2, 3, 4, 5, 6] }),
      "BAD_REQUEST",
      /at most 5 reminders/,
    );
    await expectRefusal(
      app.as(host).session.update({ sessionId: id, reminderMinutes: [60, 60] }),
      "BAD_REQUEST",
      /once/,
    );
    await expectRefusal(app.as(player).session.update({ sessionId: id, reminderMinutes: [] }), "FORBIDDEN");
  });

  it("a player who turns reminders off gets none; a campaign session's reminder carries the last recap", async () => {
    const gm = await app.given.user();
    const [keen, quiet] = await app.given.users(2);
    const campaign = await app.as(gm).campaign.create({ title: "Curse of Strahd", defaultVisibility: "public" });
    const previous = await app.as(gm).session.create({
      title: "Into the Mists",
      campaignId: campaign.id,
      startsAt: new Date(app.clock.now.getTime() + 3 * HOUR),
      minPlayers: 1,
      reminderMinutes: [],
    });
    await app.given.join(previous.id, keen!);
    app.advance(3 * HOUR);
    await app.as(gm).session.start({ sessionId: previous.id });
    await app.as(gm).session.end({ sessionId: previous.id });
    await app.as(gm).record.update({
      sessionId: previous.id,
      summary: "# Session 1\nThe party met **Ireena** in Barovia.\n\n- They buried the burgomaster.\n- Then fled.",
    });
    const next = await app.as(gm).session.create({
      title: "The Church",
      campaignId: campaign.id,
      startsAt: new Date(app.clock.now.getTime() + 3 * HOUR),
      minPlayers: 1,
      reminderMinutes: [60],
    });
    await app.given.join(next.id, keen!);
    await app.given.join(next.id, quiet!);
    await app.as(quiet!).notification.setPreference({ type: "session_reminder", inApp: false, email: false });
    app.advance(2 * HOUR);
    await sendDueReminders(app.services, app.clock.now);
    expect(await remindersOf(quiet!.id)).toEqual([]);
    const [reminder] = await app.db.notification.findMany({ where: { userId: keen!.id, type: "session_reminder" } });
    expect(reminder?.body).toBe(
      `Last time, in "Into the Mists": Session 1 The party met Ireena in Barovia. They buried the burgomaster. The whole recap: ${app.config.PUBLIC_URL}/sessions/${previous.id}`,
    );
  });

  it("excerpts long recaps at a word", () => {
    expect(excerpt("word ".repeat(100), 20)).toBe("word word word word…");
  });
});

describe("last call", () => {
  it("once, a day before the deadline, to the players, the GM and campaign members not in it", async () => {
    app.clock.now = new Date("2026-06-01T18:00:00Z"); // after every earlier test's sessions
    const gm = await app.given.user();
    const [player, member, stranger] = await app.given.users(3);
    const campaign = await app.as(gm).campaign.create({ title: "Tomb of Annihilation", defaultVisibility: "public" });
    await app
      .as(member!)
      .campaign.joinByCode({ code: (await app.as(gm).campaign.byId({ campaignId: campaign.id })).inviteCode! });
    // Starts in 3 days at 18:00 UTC; deadline 17:00 UTC; last call from 17:00 UTC the day before.
    const session = await app.as(gm).session.create({
      title: "The Port of Nyanzaru",
      campaignId: campaign.id,
      startsAt: new Date(app.clock.now.getTime() + 72 * HOUR),
      minPlayers: 3,
      reminderMinutes: [],
    });
    await app.given.join(session.id, player!);

    app.advance(47 * HOUR - MINUTE);
    expect(await sendLastCalls(app.services, app.clock.now)).toEqual({ called: 0 });
    app.advance(MINUTE);
    expect(await sendLastCalls(app.services, app.clock.now)).toEqual({ called: 1 });
    expect(await sendLastCalls(app.services, app.clock.now)).toEqual({ called: 0 });
    app.advance(HOUR);
    expect(await sendLastCalls(app.services, app.clock.now)).toEqual({ called: 0 });

    for (const user of [player!, gm, member!]) {
      const calls = await lastCallsOf(user.id);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({
        title: '"The Port of Nyanzaru" needs 2 more players.',
        body: "It needs 2 more players by Thu, 4 Jun 2026, 17:00 UTC, or it is cancelled.",
        data: { missing: 2, deadline: "2026-06-04T17:00:00.000Z" },
      });
    }
    expect(await lastCallsOf(stranger!.id)).toEqual([]);
  });

  it("comes again for a session moved to a new start", async () => {
    app.clock.now = new Date("2026-06-20T18:00:00Z");
    const { id, host } = await app.given.session({ startsInHours: 12, minPlayers: 2, reminderMinutes: [] });
    expect(await sendLastCalls(app.services, app.clock.now)).toEqual({ called: 1 });
    const { startsAt } = await app.as(host).session.byId({ sessionId: id });
    await app.as(host).session.update({ sessionId: id, startsAt: new Date(startsAt.getTime() + 48 * HOUR) });
    expect(await sendLastCalls(app.services, app.clock.now)).toEqual({ called: 0 });
    app.advance(48 * HOUR);
    expect(await sendLastCalls(app.services, app.clock.now)).toEqual({ called: 1 });
    expect(await lastCallsOf(host.id)).toHaveLength(2);
  });

  it("skips sessions with enough players, and sessions already past their deadline", async () => {
    app.clock.now = new Date("2026-07-01T18:00:00Z");
    const full = await app.given.session({ startsInHours: 20, minPlayers: 1, reminderMinutes: [] });
    await app.given.join(full.id, await app.given.user());
    const late = await app.given.session({ startsInHours: 48, minPlayers: 2, reminderMinutes: [] });
    app.advance(47.5 * HOUR); // 30 minutes before the start: past the 60-minute deadline
    await sendLastCalls(app.services, app.clock.now);
    expect(await lastCallsOf(full.host.id)).toEqual([]);
    expect(await lastCallsOf(late.host.id)).toEqual([]);
  });
});
