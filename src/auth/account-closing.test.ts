// An account its person controls: an export of everything Quorum holds about them (and
// nothing about anyone else), and closing it, after the password, leaving no personal
// data in any table and no reference dangling, while what others share with them
// carries on (their sessions cancelled with notice, campaigns to an admin, records kept).
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createTestApp, TEST_PASSWORD } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import type { AuthUser } from "./lucia.ts";

const app = await createTestApp();
const HOUR = 3_600_000;
const later = (hours: number) => new Date(app.clock.now.getTime() + hours * HOUR);

/** A person with a bit of everything: a session, a seat, a character, a token, a venue, a poll, a campaign. */
async function somebody(name: string, label = name) {
  const user = await app.given.user({ name });
  const as = app.as(user);
  const venue = await as.venue.create({ name: `${label}'s kitchen`, address: `${label} Street 1` });
  const character = await as.character.create({ name: `${label}'s hero`, description: `${label}'s secret past` });
  const token = await as.apiToken.create({ name: `${label}'s script` });
  await as.calendar.rotateFeedUrl();
  await as.notification.setPreference({ type: "session_cancelled", email: false });
  const hosted = await app.given.session({ host: user, fields: { title: `${label}'s table`, venueId: venue.id } });
  const campaign = await as.campaign.create({ title: `${label}'s saga` });
  const poll = await as.poll.create({
    title: `${label}'s poll`,
    options: [later(72), later(96)],
    minPlayers: 1,
    maxPlayers: 4,
    timeZone: "UTC",
  });
  return { user, venue, character, token, hosted, campaign, poll };
}

/** A poll's first proposed date. */
const firstOption = (pollId: string) =>
  app.db.pollOption.findFirstOrThrow({ where: { pollId }, orderBy: { startsAt: "asc" } });

/** Every row of every table, as text: where a person's data would hide. */
async function everyTable(): Promise<Record<string, string>> {
  const tables = await app.db.$reads.introspection.getTables();
  const dump: Record<string, string> = {};
  for (const table of tables) {
    if (table.name.startsWith("_") || table.name.startsWith("sqlite_")) continue;
    const { rows } = await sql`SELECT * FROM ${sql.table(table.name)}`.execute(app.db.$reads);
    dump[table.name] = JSON.stringify(rows);
  }
  return dump;
}

describe("exporting my data", () => {
  it("holds my rows and nobody else's", async () => {
    const ada = await somebody("Ada");
    const bo = await somebody("Bo");
    // Each sits at the other's table and answers the other's poll.
    await app.as(ada.user).participant.join({ sessionId: bo.hosted.id });
    await app.as(bo.user).participant.join({ sessionId: ada.hosted.id });
    const answer = async (who: AuthUser, poll: typeof ada.poll) =>
      app
        .as(who)
        .poll.answer({ code: poll.code, answers: [{ optionId: (await firstOption(poll.id)).id, choice: "yes" }] });
    await answer(ada.user, bo.poll);
    await answer(bo.user, ada.poll);

    const exported = await app.as(ada.user).account.export();
    const text = JSON.stringify(exported);
    expect(exported.account).toMatchObject({ id: ada.user.id, email: ada.user.email, displayName: "Ada" });
    expect(exported.account.calendarFeed).toBe(true);
    expect(exported.hostedSessions.map((s) => s.title)).toEqual(["Ada's table"]);
    expect(exported.sessionsJoined.map((s) => s.gameSession.title)).toEqual(["Bo's table"]);
    expect(exported.pollAnswers.map((a) => a.option.poll.title)).toEqual(["Bo's poll"]);
    expect(exported.characters.map((c) => c.description)).toEqual(["Ada's secret past"]);
    expect(exported.apiTokens.map((t) => t.name)).toEqual(["Ada's script"]);
    expect(exported.venues.map((v) => v.address)).toEqual(["Ada Street 1"]);
    expect(exported.campaignsRun.map((c) => c.title)).toEqual(["Ada's saga"]);
    expect(exported.notificationPreferences).toEqual([{ type: "session_cancelled", inApp: true, email: false }]);
    // Bo's seat at Ada's table, Bo's answer to Ada's poll: Bo's, not in Ada's export.
    for (const theirs of [
      bo.user.email,
      bo.user.id,
      "Bo's hero",
      "Bo's secret past",
      "Bo's script",
      "Bo Street 1",
      "Bo's saga",
    ]) {
      expect(text).not.toContain(theirs);
    }
    // No secret in it: the token and its hash, the password hash.
    expect(text).not.toContain(ada.token.token);
    expect(text).not.toMatch(/passwordHash|tokenHash|\$argon2/);
    await expectRefusal(app.as(null).account.export(), "UNAUTHORIZED");
  });
});

describe("closing my account", () => {
  it("asks for the password; without it, or with anything else, nothing changes", async () => {
    const user = await app.given.user({ name: "Careful Cay" });
    await expectRefusal(app.as(user).account.close({ password: "not it" }), "BAD_REQUEST", /^Password: that is not/);
    await expectRefusal(app.as(user).account.close({ password: "" }), "BAD_REQUEST", /^Password: enter your password/);
    // @ts-expect-error: an unknown key
    await expectRefusal(app.as(user).account.close({ password: TEST_PASSWORD, keep: true }), "BAD_REQUEST");
    await expectRefusal(app.as(null).account.close({ password: TEST_PASSWORD }), "UNAUTHORIZED");
    const row = await app.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([row.displayName, row.deletedAt]).toEqual(["Careful Cay", null]);
  });

  it("leaves no personal data in any table and no dangling reference; what others share carries on", async () => {
    const admin = await app.given.user({ role: "admin", name: "Ari Admin" });
    // Her own titles and texts are labelled "Z": what she wrote for others stays, her name does not.
    const zed = await somebody("Zelda Quill", "Z");
    const { user } = zed;
    const [player, waiting] = [await app.given.user({ name: "Pia" }), await app.given.user({ name: "Wes" })];
    await app.given.join(zed.hosted.id, player);
    // Her seat at a full table: Wes waits for it.
    const full = await app.given.session({ seats: 1, fields: { title: "A full table" } });
    await app.given.join(full.id, user);
    await app.given.join(full.id, waiting);
    // Her campaign, with a member.
    const { inviteCode } = await app.as(user).campaign.byId({ campaignId: zed.campaign.id });
    await app.as(player).campaign.joinByCode({ code: inviteCode! });
    // A past session she ran, with its record: a key event and her character's development.
    const past = await app.given.session({ host: user, fields: { title: "The night it rained" } });
    await app.db.gameSession.update({ where: { id: past.id }, data: { status: "completed", startedAt: later(-3) } });
    await app.db.keyEvent.create({
      data: { gameSessionId: past.id, text: "The bridge fell.", happenedAt: later(-2), createdById: user.id },
    });
    const spare = await app.as(user).character.create({ name: "Spare", description: "Zelda's other secret" });
    await app.db.characterDevelopment.create({
      data: { gameSessionId: past.id, characterId: zed.character.id, text: "Found the map." },
    });
    // An answer to someone else's open poll, and a notification of her own.
    const theirPoll = await app.as(player).poll.create({
      title: "Pia's poll",
      options: [later(72), later(96)],
      minPlayers: 1,
      maxPlayers: 4,
      timeZone: "UTC",
    });
    await app.as(user).poll.answer({
      code: theirPoll.code,
      answers: [{ optionId: (await firstOption(theirPoll.id)).id, choice: "yes" }],
    });
    await app.db.notification.create({ data: { userId: user.id, type: "session_cancelled", title: "For Zelda" } });

    const personal = [user.email, "Zelda Quill", "Zelda's other secret", "Z's secret past", zed.token.prefix];
    const before = JSON.stringify(await everyTable());
    for (const marker of personal) expect(before).toContain(marker);
    expect(await app.as(user).account.close({ password: TEST_PASSWORD })).toEqual({ closed: true });

    // Nothing personal anywhere: address, name, her characters' texts, her tokens.
    const after = await everyTable();
    for (const [table, rows] of Object.entries(after)) {
      for (const marker of personal) {
        expect({ table, found: rows.includes(marker) }).toEqual({ table, found: false });
      }
    }
    const row = await app.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({
      displayName: "Former member",
      passwordHash: null,
      calendarFeedHash: null,
      emailVerifiedAt: null,
      timeZone: "UTC",
      role: "user",
      deletedAt: app.clock.now,
    });
    const mine = { where: { userId: user.id } };
    expect({
      authSessions: await app.db.authSession.count(mine),
      apiTokens: await app.db.apiToken.count(mine),
      emailTokens: await app.db.emailToken.count(mine),
      notifications: await app.db.notification.count(mine),
      preferences: await app.db.notificationPreference.count(mine),
      presence: await app.db.presence.count(mine),
      memberships: await app.db.campaignMember.count(mine),
      openPollAnswers: await app.db.pollAnswer.count({
        where: { userId: user.id, option: { poll: { closedAt: null } } },
      }),
      outgoing: await app.db.outgoingMessage.count(mine),
    }).toEqual({
      authSessions: 0,
      apiTokens: 0,
      emailTokens: 0,
      notifications: 0,
      preferences: 0,
      presence: 0,
      memberships: 0,
      openPollAnswers: 0,
      outgoing: 0,
    });
    if (app.config.DATABASE_URL.startsWith("file:")) {
      expect(await app.db.$queryRawUnsafe("PRAGMA foreign_key_check")).toEqual([]);
    }

    // Her table still to come is cancelled, and its player told why.
    const cancelled = await app.as(player).session.byId({ sessionId: zed.hosted.id });
    expect([cancelled.status, cancelled.cancelReason]).toEqual(["cancelled", "The GM closed their Quorum account."]);
    expect(
      await app.db.notification.count({
        where: { userId: player.id, type: "session_cancelled", gameSessionId: zed.hosted.id },
      }),
    ).toBe(1);
    // Her seat went to the one waiting for it.
    expect(
      await app.db.participant.findFirstOrThrow({ where: { gameSessionId: full.id, userId: waiting.id } }),
    ).toMatchObject({ status: "joined" });
    // Her campaign goes to the admin, her poll is closed, the spare character is gone.
    expect((await app.db.campaign.findUniqueOrThrow({ where: { id: zed.campaign.id } })).gmId).toBe(admin.id);
    expect((await app.db.availabilityPoll.findUniqueOrThrow({ where: { id: zed.poll.id } })).closedAt).toEqual(
      app.clock.now,
    );
    expect(await app.db.character.findUnique({ where: { id: spare.id } })).toBeNull();
    // The record keeps what happened, told by a former member.
    const record = await app.as(admin).session.byId({ sessionId: past.id });
    expect(record.host.displayName).toBe("Former member");
    expect((await app.as(admin).keyEvent.list({ sessionId: past.id })).map((e) => e.text)).toEqual([
      "The bridge fell.",
    ]);
    expect(await app.db.characterDevelopment.count({ where: { characterId: zed.character.id } })).toBe(1);

    // The way back in is gone: the address and password, and she is found by nobody.
    await expectRefusal(app.as(null).auth.signIn({ email: user.email, password: TEST_PASSWORD }), "UNAUTHORIZED");
    expect(await app.as(admin).user.search({ query: "Former" })).toEqual([]);
    await expectRefusal(
      app.as(admin).participant.add({ sessionId: full.id, userId: user.id, role: "player" }),
      "NOT_FOUND",
    );
    // The address is free for a new account.
    await app.as(null).auth.signUp({ email: user.email, displayName: "Zelda again" });
  });
});
