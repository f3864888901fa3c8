import { describe, expect, it } from "vitest";
import { createServedTestApp } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import { tokenClient } from "../../tests/http-client.ts";
import type { AuthUser } from "../auth/lucia.ts";

const app = await createServedTestApp();
const MINUTE = 60_000;
const SECRET = "The innkeeper is the vampire.";

/** A campaign session that has been played: GM, a member who played, a member who did not, an outsider. */
async function playedSession() {
  const gm = await app.given.user({ name: "GM" });
  const [player, member, outsider] = await app.given.users(3);
  const admin = await app.given.user({ role: "admin" });
  const campaign = await app.as(gm).campaign.create({ title: "Barovia" });
  for (const u of [player!, member!]) await app.as(u).campaign.joinByCode({ code: campaign.inviteCode! });
  const created = await app.as(gm).session.create({
    title: "Death House",
    startsAt: new Date(app.clock.now.getTime() + 24 * 60 * MINUTE),
    campaignId: campaign.id,
    minPlayers: 1,
  });
  await app.given.join(created.id, player!);
  const startedAt = new Date(app.clock.now);
  await app.as(gm).session.start({ sessionId: created.id });
  return {
    id: created.id,
    campaignId: campaign.id,
    gm,
    player: player!,
    member: member!,
    outsider: outsider!,
    admin,
    startedAt,
  };
}

describe("the session record", () => {
  it("opens when play starts, stays editable after the end, and is written by the GM or an admin only", async () => {
    const { id: scheduledId, host } = await app.given.session();
    await expectRefusal(app.as(host).record.update({ sessionId: scheduledId, summary: "x" }), "CONFLICT", "opens once");
    await expectRefusal(app.as(host).keyEvent.add({ sessionId: scheduledId, text: "x" }), "CONFLICT", "opens once");

    const s = await playedSession();
    await app.as(s.gm).record.update({ sessionId: s.id, summary: "# Day one\nWe *entered* the house." });
    app.advance(90 * MINUTE);
    await app.as(s.gm).session.end({ sessionId: s.id });
    const written = await app.as(s.admin).record.update({ sessionId: s.id, gmNotes: SECRET });
    expect(written).toMatchObject({
      summary: "# Day one\nWe *entered* the house.",
      gmNotes: SECRET,
      status: "completed",
    });

    for (const [who, code] of [
      [null, "UNAUTHORIZED"],
      [s.player, "FORBIDDEN"],
      [s.member, "FORBIDDEN"],
      [s.outsider, "FORBIDDEN"],
    ] as const) {
      await expectRefusal(app.as(who as AuthUser | null).record.update({ sessionId: s.id, summary: "hacked" }), code);
      await expectRefusal(app.as(who as AuthUser | null).keyEvent.add({ sessionId: s.id, text: "hacked" }), code);
    }
    expect((await app.as(s.gm).record.get({ sessionId: s.id })).summary).toContain("Day one");
  });

  it("is read by participants, campaign members, the GM and admins; GM notes reach only the GM and admins", async () => {
    const s = await playedSession();
    await app.as(s.gm).record.update({ sessionId: s.id, summary: "They fled.", gmNotes: SECRET });
    await app.as(s.gm).keyEvent.add({ sessionId: s.id, text: "The stairs collapsed" });
    app.advance(60 * MINUTE);
    await app.as(s.gm).session.end({ sessionId: s.id });

    for (const reader of [s.player, s.member]) {
      const record = await app.as(reader).record.get({ sessionId: s.id });
      expect(record).toMatchObject({ summary: "They fled.", gmNotes: null });
      expect(record.keyEvents.map((e) => e.text)).toEqual(["The stairs collapsed"]);
    }
    expect((await app.as(s.admin).record.get({ sessionId: s.id })).gmNotes).toBe(SECRET);
    await expectRefusal(app.as(s.outsider).record.get({ sessionId: s.id }), "FORBIDDEN");
    await expectRefusal(app.as(s.outsider).keyEvent.list({ sessionId: s.id }), "FORBIDDEN");
    await expectRefusal(app.as(null).record.get({ sessionId: s.id }), "UNAUTHORIZED");

    // What actually goes over the wire to a player, through every procedure that shows a session.
    const { token } = await app.as(s.player).apiToken.create({ name: "wire check" });
    const wire = tokenClient(app.url, token);
    const responses = [
      await wire.record.get.query({ sessionId: s.id }),
      await wire.session.byId.query({ sessionId: s.id }),
      await wire.session.list.query({ limit: 100 }),
      await wire.session.history.query({ campaignId: s.campaignId }),
      await wire.keyEvent.list.query({ sessionId: s.id }),
      await wire.participant.list.query({ sessionId: s.id }),
      await wire.campaign.byId.query({ campaignId: s.campaignId }),
    ];
    for (const response of responses) expect(JSON.stringify(response)).not.toContain("vampire");
  });

  it("is no longer read by someone who left before play began, nor the waitlist; leaving during play keeps it", async () => {
    const { id, host } = await app.given.session({ seats: 6, minPlayers: 1 });
    const [early, during, stays] = await app.given.users(3);
    for (const player of [early!, during!, stays!]) await app.given.join(id, player);
    await app.as(early!).participant.leave({ sessionId: id });
    app.advance(MINUTE);
    await app.as(host).session.start({ sessionId: id });
    await app.as(host).record.update({ sessionId: id, summary: SECRET });
    app.advance(10 * MINUTE);
    await app.as(during!).participant.leave({ sessionId: id });

    await expectRefusal(app.as(early!).record.get({ sessionId: id }), "FORBIDDEN", "participants and GM");
    await expectRefusal(app.as(early!).keyEvent.list({ sessionId: id }), "FORBIDDEN", "participants and GM");
    for (const reader of [during!, stays!]) {
      expect(await app.as(reader).record.get({ sessionId: id })).toMatchObject({ summary: SECRET });
    }

    // A waitlist place is not a seat at the table.
    const full = await app.given.session({ seats: 1, minPlayers: 1 });
    const [seated, waiting] = await app.given.users(2);
    await app.given.join(full.id, seated!);
    await app.given.join(full.id, waiting!);
    await app.as(full.host).session.start({ sessionId: full.id });
    await app.as(full.host).record.update({ sessionId: full.id, summary: SECRET });
    expect(await app.as(seated!).record.get({ sessionId: full.id })).toMatchObject({ summary: SECRET });
    await expectRefusal(app.as(waiting!).record.get({ sessionId: full.id }), "FORBIDDEN", "participants and GM");
  });

  it("validates key event times against the session's start and end, orders them, and edits them", async () => {
    const s = await playedSession();
    const gm = app.as(s.gm).keyEvent;
    await expectRefusal(
      gm.add({ sessionId: s.id, text: "Too early", happenedAt: new Date(s.startedAt.getTime() - 10 * MINUTE) }),
      "BAD_REQUEST",
      /^When: .*before/,
    );
    app.advance(30 * MINUTE);
    // While it runs, nothing can have happened later than now (a few minutes' slack for clocks).
    await expectRefusal(
      gm.add({ sessionId: s.id, text: "In 2030", happenedAt: new Date("2030-01-01T00:00:00Z") }),
      "BAD_REQUEST",
      "When: that is still to come; the session is being played now.",
    );
    await expectRefusal(
      gm.add({ sessionId: s.id, text: "Soon", happenedAt: new Date(app.clock.now.getTime() + 10 * MINUTE) }),
      "BAD_REQUEST",
      /still to come/,
    );
    const slack = await gm.add({
      sessionId: s.id,
      text: "Just before the start, by the GM's watch",
      happenedAt: new Date(s.startedAt.getTime() - 2 * MINUTE),
    });
    await gm.remove({ sessionId: s.id, keyEventId: slack.id });
    const now = await gm.add({ sessionId: s.id, text: "Now" }); // happenedAt defaults to now
    expect(now.happenedAt).toEqual(app.clock.now);
    const early = await gm.add({
      sessionId: s.id,
      text: "Early",
      happenedAt: new Date(s.startedAt.getTime() + MINUTE),
    });
    app.advance(30 * MINUTE);
    await app.as(s.gm).session.end({ sessionId: s.id });
    const endedAt = new Date(app.clock.now);
    app.advance(24 * 60 * MINUTE);
    await expectRefusal(
      gm.add({ sessionId: s.id, text: "Too late", happenedAt: new Date(endedAt.getTime() + 10 * MINUTE) }),
      "BAD_REQUEST",
      /^When: .*after/,
    );
    // Written up the next day with no time: it is placed at the end.
    expect((await gm.add({ sessionId: s.id, text: "Afterwards" })).happenedAt).toEqual(endedAt);
    expect((await gm.list({ sessionId: s.id })).map((e) => e.text)).toEqual(["Early", "Now", "Afterwards"]);

    const moved = await gm.update({
      sessionId: s.id,
      keyEventId: early.id,
      happenedAt: new Date(endedAt.getTime() - MINUTE),
      text: "Later",
    });
    expect(moved.text).toBe("Later");
    expect((await gm.list({ sessionId: s.id })).map((e) => e.text)).toEqual(["Now", "Later", "Afterwards"]);
    await expectRefusal(
      gm.update({ sessionId: s.id, keyEventId: early.id, happenedAt: new Date(0) }),
      "BAD_REQUEST",
      /^When: /,
    );
    await gm.remove({ sessionId: s.id, keyEventId: now.id });
    await expectRefusal(gm.remove({ sessionId: s.id, keyEventId: now.id }), "NOT_FOUND");
    const other = await playedSession();
    await expectRefusal(
      app.as(other.gm).keyEvent.update({ sessionId: other.id, keyEventId: early.id, text: "x" }),
      "NOT_FOUND",
      "in this session",
    );
    await expectRefusal(gm.add({ sessionId: s.id, text: "" }), "BAD_REQUEST", /^What happened: /);
  });

  it("records character developments for characters that were there, and removes them with null", async () => {
    const s = await playedSession();
    const hero = await app.db.character.create({ data: { ownerId: s.player.id, name: "Ireena" } });
    const absent = await app.db.character.create({ data: { ownerId: s.outsider.id, name: "Ghost" } });
    const record = await app.as(s.gm).record.update({
      sessionId: s.id,
      characterDevelopments: [{ characterId: hero.id, text: "Learned the truth about her past." }],
    });
    expect(record.characterDevelopments).toEqual([
      expect.objectContaining({
        text: "Learned the truth about her past.",
        character: { id: hero.id, name: "Ireena", owner: { id: s.player.id, displayName: s.player.displayName } },
      }),
    ]);
    await expectRefusal(
      app.as(s.gm).record.update({ sessionId: s.id, characterDevelopments: [{ characterId: absent.id, text: "x" }] }),
      "BAD_REQUEST",
      /^Character: .*not at this session/,
    );
    const cleared = await app.as(s.gm).record.update({
      sessionId: s.id,
      characterDevelopments: [{ characterId: hero.id, text: null }],
    });
    expect(cleared.characterDevelopments).toEqual([]);
  });
});

describe("session.history", () => {
  it("lists a campaign's completed sessions, newest first, with recaps and key events, in pages", async () => {
    const gm = await app.given.user();
    const member = await app.given.user();
    const outsider = await app.given.user();
    const campaign = await app.as(gm).campaign.create({ title: "Long campaign" });
    await app.as(member).campaign.joinByCode({ code: campaign.inviteCode! });
    const titles: string[] = [];
    for (const n of [1, 2, 3]) {
      const s = await app.as(gm).session.create({
        title: `Session ${n}`,
        startsAt: new Date(app.clock.now.getTime() + (n + 1) * 60 * MINUTE + MINUTE),
        campaignId: campaign.id,
        minPlayers: 1,
      });
      await app.as(gm).session.start({ sessionId: s.id });
      await app.as(gm).keyEvent.add({ sessionId: s.id, text: `Event ${n}` });
      await app.as(gm).record.update({ sessionId: s.id, summary: `Recap ${n}`, gmNotes: SECRET });
      await app.as(gm).session.end({ sessionId: s.id });
      titles.push(s.title);
    }
    const first = await app.as(member).session.history({ campaignId: campaign.id, limit: 2 });
    expect(first.items.map((s) => [s.title, s.summary, s.keyEvents.map((e) => e.text)])).toEqual([
      ["Session 3", "Recap 3", ["Event 3"]],
      ["Session 2", "Recap 2", ["Event 2"]],
    ]);
    const second = await app
      .as(member)
      .session.history({ campaignId: campaign.id, limit: 2, cursor: first.nextCursor });
    expect(second).toMatchObject({ nextCursor: null, items: [expect.objectContaining({ title: "Session 1" })] });
    expect(JSON.stringify([first, second])).not.toContain("vampire");
    await expectRefusal(app.as(outsider).session.history({ campaignId: campaign.id }), "FORBIDDEN");
    await expectRefusal(app.as(null).session.history({ campaignId: campaign.id }), "UNAUTHORIZED");
  });

  it("lists my own past sessions, campaign or one-shot, with their recaps; not those I left or never joined", async () => {
    const gm = await app.given.user();
    const [me, stranger] = await app.given.users(2);
    const play = async (title: string, stay: boolean) => {
      const s = await app.as(gm).session.create({
        title,
        startsAt: new Date(app.clock.now.getTime() + 2 * 60 * MINUTE),
        minPlayers: 1,
      });
      await app.given.join(s.id, me!);
      if (!stay) await app.as(me!).participant.leave({ sessionId: s.id });
      await app.as(gm).session.start({ sessionId: s.id });
      await app.as(gm).record.update({ sessionId: s.id, summary: `Recap of ${title}` });
      await app.as(gm).session.end({ sessionId: s.id });
      app.advance(MINUTE);
    };
    await play("One-shot I played", true);
    await play("One I left before it began", false);
    const mine = await app.as(me!).session.history({});
    expect(mine.items.map((s) => [s.title, s.summary])).toEqual([["One-shot I played", "Recap of One-shot I played"]]);
    expect((await app.as(gm).session.history({})).items.map((s) => s.title)).toEqual([
      "One I left before it began",
      "One-shot I played",
    ]);
    expect((await app.as(stranger!).session.history({})).items).toEqual([]);
  });
});
