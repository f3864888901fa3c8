// Availability polls on both databases: who may open, see, answer, pick and close one;
// the pick seating the voters in the stated order; a repeating poll's series; and a
// poll decided once when two picks race.
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import { testProvider } from "../../tests/setup/test-database.ts";
import type { AuthUser } from "../auth/lucia.ts";

const app = await createTestApp(); // the clock: Saturday 2026-03-14 18:00 UTC
afterAll(() => app.close());

const HOUR = 3_600_000;
/** Three evenings next week, 19:00 UTC. */
const DATES = ["2026-03-18T19:00:00Z", "2026-03-19T19:00:00Z", "2026-03-20T19:00:00Z"].map((d) => new Date(d));

const openPoll = (gm: AuthUser, extra: Record<string, unknown> = {}) =>
  app.as(gm).poll.create({
    title: "One-shot: The Sunless Citadel",
    options: DATES,
    minPlayers: 1,
    maxPlayers: 3,
    durationMinutes: 240,
    timeZone: "Europe/Paris",
    ...extra,
  });

const notices = (user: AuthUser, type: string) =>
  app.db.notification.findMany({
    where: { userId: user.id, type: type as never },
    select: { title: true, gameSessionId: true, data: true },
  });

async function campaignWith(gm: AuthUser, members: AuthUser[]) {
  const campaign = await app.as(gm).campaign.create({ title: "Barovia" });
  for (const member of members) await app.as(member).campaign.joinByCode({ code: campaign.inviteCode! });
  return campaign;
}

describe("an availability poll", () => {
  it("asks a campaign's members, who answer per date and see everyone's answers", async () => {
    const gm = await app.given.user({ name: "Gwen" });
    const [ana, bo] = [await app.given.user({ name: "Ana" }), await app.given.user({ name: "Bo" })];
    const campaign = await campaignWith(gm, [ana, bo]);
    const poll = await openPoll(gm, { campaignId: campaign.id });
    expect(poll.code).toMatch(/^[0-9A-Z]{10}$/);
    for (const member of [ana, bo]) {
      expect(await notices(member, "poll_opened")).toEqual([
        {
          title: 'When can you play "One-shot: The Sunless Citadel"?',
          gameSessionId: null,
          data: { pollCode: poll.code },
        },
      ]);
    }
    expect(await notices(gm, "poll_opened")).toEqual([]);

    const view = await app.as(ana).poll.byCode({ code: poll.code.toLowerCase() });
    const [first, second, third] = view.options;
    expect(view.options.map((o) => o.startsAt)).toEqual(DATES);
    expect(view).toMatchObject({ canManage: false, closedAt: null, repeatText: null, host: { displayName: "Gwen" } });
    await app.as(ana).poll.answer({
      code: poll.code,
      answers: [
        { optionId: first!.id, choice: "yes" },
        { optionId: second!.id, choice: "no" },
      ],
    });
    const after = await app.as(bo).poll.answer({
      code: poll.code,
      answers: [{ optionId: first!.id, choice: "if_need_be" }],
    });
    expect(after.voters.map((v) => v.displayName)).toEqual(["Ana", "Bo"]);
    expect(after.options[0]).toMatchObject({
      yes: 1,
      ifNeedBe: 1,
      answers: [
        { userId: ana.id, choice: "yes" },
        { userId: bo.id, choice: "if_need_be" },
      ],
    });
    expect(after.options[2]!.answers).toEqual([]);
    // Changing one's mind replaces the answer; the version orders what viewers see.
    const changed = await app.as(ana).poll.answer({
      code: poll.code,
      answers: [{ optionId: second!.id, choice: "yes" }],
    });
    expect(changed.options[1]!.answers).toEqual([{ userId: ana.id, choice: "yes" }]);
    expect(changed.version).toBeGreaterThan(after.version);
    expect((await app.as(gm).poll.byCode({ code: poll.code })).canManage).toBe(true);
    // The members find it on the campaign; their own list has it too.
    expect((await app.as(bo).poll.list({ campaignId: campaign.id })).map((p) => p.code)).toEqual([poll.code]);
    expect((await app.as(ana).poll.list({})).map((p) => p.code)).toContain(poll.code);
    expect(third).toBeDefined();
  });

  it("anyone with the link may answer once signed in; only its GM or an admin picks or closes", async () => {
    const gm = await app.given.user();
    const stranger = await app.given.user();
    const admin = await app.given.user({ role: "admin" });
    const poll = await openPoll(gm);
    const view = await app.as(stranger).poll.byCode({ code: poll.code });
    await app
      .as(stranger)
      .poll.answer({ code: poll.code, answers: [{ optionId: view.options[0]!.id, choice: "yes" }] });
    expect((await app.as(stranger).poll.list({})).map((p) => p.code)).toContain(poll.code);

    await expectRefusal(app.as(null).poll.byCode({ code: poll.code }), "UNAUTHORIZED");
    await expectRefusal(
      app.as(null).poll.answer({ code: poll.code, answers: [{ optionId: view.options[0]!.id, choice: "no" }] }),
      "UNAUTHORIZED",
    );
    await expectRefusal(app.as(stranger).poll.byCode({ code: "NOTACODE22" }), "NOT_FOUND", /No poll has this link/);
    await expectRefusal(
      app.as(stranger).poll.pick({ pollId: view.id, optionId: view.options[0]!.id }),
      "FORBIDDEN",
      /Only the poll's GM or an admin/,
    );
    await expectRefusal(app.as(stranger).poll.close({ pollId: view.id }), "FORBIDDEN");
    // A campaign's poll list is for its members; a poll of another campaign is refused.
    const campaign = await campaignWith(gm, []);
    await expectRefusal(app.as(stranger).poll.list({ campaignId: campaign.id }), "FORBIDDEN");
    await expectRefusal(openPoll(stranger, { campaignId: campaign.id }), "FORBIDDEN");
    // An admin may close it; then no one answers any more.
    await app.as(admin).poll.close({ pollId: view.id });
    await expectRefusal(
      app.as(stranger).poll.answer({ code: poll.code, answers: [{ optionId: view.options[1]!.id, choice: "yes" }] }),
      "CONFLICT",
      /This poll is closed/,
    );
    await expectRefusal(
      app.as(gm).poll.close({ pollId: view.id }),
      "CONFLICT",
      /This poll is already decided or closed/,
    );
    expect(await notices(stranger, "poll_decided")).toEqual([
      {
        title: 'The poll for "One-shot: The Sunless Citadel" closed without a date.',
        gameSessionId: null,
        data: { pollCode: poll.code },
      },
    ]);
    expect(await app.db.gameSession.count({ where: { hostId: gm.id } })).toBe(0);
  });

  it("refuses bad dates and answers with a sentence, and changes nothing", async () => {
    const gm = await app.given.user();
    const before = await app.db.availabilityPoll.count();
    await expectRefusal(openPoll(gm, { options: [DATES[0]] }), "BAD_REQUEST", /at least 2 dates/);
    await expectRefusal(openPoll(gm, { options: [DATES[0], DATES[0]] }), "BAD_REQUEST", /each date and time once/i);
    const thirteen = Array.from({ length: 13 }, (_, i) => new Date(DATES[0]!.getTime() + i * 24 * HOUR));
    await expectRefusal(openPoll(gm, { options: thirteen }), "BAD_REQUEST", /at most 12 dates/);
    await expectRefusal(
      openPoll(gm, { options: [new Date("2026-03-10T19:00:00Z"), DATES[0]] }),
      "BAD_REQUEST",
      /every date must be in the future/i,
    );
    await expectRefusal(
      openPoll(gm, { options: [new Date("2026-03-14T18:30:00Z"), DATES[0]] }),
      "BAD_REQUEST",
      /every date must be at least 60 minutes from now/i,
    );
    await expectRefusal(
      openPoll(gm, { repeat: { frequency: "weekly", until: "2026-03-19" } }),
      "BAD_REQUEST",
      /the series' last day must not come before the last date proposed/i,
    );
    await expectRefusal(openPoll(gm, { options: DATES, colour: "red" }), "BAD_REQUEST", /colour/);
    await expectRefusal(openPoll(gm, { minPlayers: 4, maxPlayers: 3 }), "BAD_REQUEST", /minimum/);
    expect(await app.db.availabilityPoll.count()).toBe(before);

    const poll = await openPoll(gm);
    const other = await openPoll(gm);
    const otherOption = (await app.as(gm).poll.byCode({ code: other.code })).options[0]!;
    await expectRefusal(
      app.as(gm).poll.answer({ code: poll.code, answers: [{ optionId: otherOption.id, choice: "yes" }] }),
      "BAD_REQUEST",
      /not one of this poll's/,
    );
    const option = (await app.as(gm).poll.byCode({ code: poll.code })).options[0]!;
    await expectRefusal(
      app.as(gm).poll.answer({ code: poll.code, answers: [{ optionId: option.id, choice: "maybe" as never }] }),
      "BAD_REQUEST",
      /yes, if need be, or no/,
    );
    expect(await app.db.pollAnswer.count({ where: { option: { pollId: { in: [poll.id, other.id] } } } })).toBe(0);
  });
});

describe("picking a date", () => {
  it("creates the session with yes voters first, then if-need-be, up to the seats; everyone is told", async () => {
    const gm = await app.given.user();
    const people = await app.given.users(6);
    const [early, late, maybe, nope, silent, extra] = people as [AuthUser, ...AuthUser[]];
    const campaign = await campaignWith(gm, people);
    const poll = await openPoll(gm, { campaignId: campaign.id, maxPlayers: 2 });
    const [friday] = (await app.as(gm).poll.byCode({ code: poll.code })).options.slice(2);
    const answer = async (who: AuthUser, choice: "yes" | "if_need_be" | "no") => {
      await app.as(who).poll.answer({ code: poll.code, answers: [{ optionId: friday!.id, choice }] });
      app.advance(60_000);
    };
    // Said first but only "if need be": seated after every "yes".
    await answer(maybe!, "if_need_be");
    await answer(early, "yes");
    await answer(nope!, "no");
    await answer(late!, "yes");
    await answer(extra!, "if_need_be");

    const { gameSessionId } = await app.as(gm).poll.pick({ pollId: poll.id, optionId: friday!.id });
    const session = await app.as(gm).session.byId({ sessionId: gameSessionId });
    expect(session).toMatchObject({
      title: "One-shot: The Sunless Citadel",
      startsAt: DATES[2],
      endsAt: new Date(DATES[2]!.getTime() + 4 * HOUR),
      campaign: { id: campaign.id },
      hostId: gm.id,
      playerCount: 2,
      maxPlayers: 2,
    });
    const seats = await app.db.participant.findMany({
      where: { gameSessionId, role: "player" },
      orderBy: { joinOrder: "asc" },
      select: { userId: true, status: true },
    });
    expect(seats).toEqual([
      { userId: early.id, status: "joined" },
      { userId: late!.id, status: "joined" },
      { userId: maybe!.id, status: "waitlisted" },
      { userId: extra!.id, status: "waitlisted" },
    ]);
    expect((await notices(early, "participant_added")).map((n) => n.title)).toEqual([
      'You have a seat at "One-shot: The Sunless Citadel".',
    ]);
    expect((await notices(maybe!, "participant_added")).map((n) => n.title)).toEqual([
      'You are on the waitlist for "One-shot: The Sunless Citadel" (number 1).',
    ]);
    // Those who said no, and members who never answered, hear the date was chosen.
    for (const told of [nope!, silent!]) {
      expect(await notices(told, "poll_decided")).toEqual([
        {
          title: 'A date is chosen for "One-shot: The Sunless Citadel".',
          gameSessionId,
          data: { pollCode: poll.code },
        },
      ]);
    }
    expect(await notices(early, "poll_decided")).toEqual([]);
    const closed = await app.as(early).poll.byCode({ code: poll.code });
    expect(closed).toMatchObject({ pickedOptionId: friday!.id, gameSessionId });
    expect(closed.closedAt).not.toBeNull();
    await expectRefusal(app.as(gm).poll.pick({ pollId: poll.id, optionId: friday!.id }), "CONFLICT", /closed/);
    expect(await app.db.gameSession.count({ where: { hostId: gm.id } })).toBe(1);
    // The session cancelled and deleted: the poll stays decided, without a link to it.
    await app.as(gm).session.cancel({ sessionId: gameSessionId });
    await app.as(gm).session.delete({ sessionId: gameSessionId });
    expect(await app.as(early).poll.byCode({ code: poll.code })).toMatchObject({
      pickedOptionId: friday!.id,
      gameSessionId: null,
    });
  });

  it("a repeating poll's pick starts a series on that date, its voters seated in the first", async () => {
    const gm = await app.given.user();
    const player = await app.given.user();
    const poll = await openPoll(gm, { repeat: { frequency: "weekly", interval: 2, count: 4 } });
    const view = await app.as(player).poll.byCode({ code: poll.code });
    expect(view.repeatText).toBe("every 2 weeks on the same day, 4 times");
    await app.as(player).poll.answer({ code: poll.code, answers: [{ optionId: view.options[1]!.id, choice: "yes" }] });
    const { gameSessionId } = await app.as(gm).poll.pick({ pollId: poll.id, optionId: view.options[1]!.id });
    const series = await app.as(gm).series.ofSession({ sessionId: gameSessionId });
    // Thursday 19 March, 20:00 in Paris, every other week.
    expect(series?.description).toBe("every 2 weeks on Thursday at 20:00 (Europe/Paris), 4 times");
    expect(series?.upcoming.map((s) => s.startsAt.toISOString())).toEqual([
      "2026-03-19T19:00:00.000Z",
      "2026-04-02T18:00:00.000Z",
      "2026-04-16T18:00:00.000Z",
      "2026-04-30T18:00:00.000Z",
    ]);
    expect(series?.upcoming.map((s) => s.playerCount)).toEqual([1, 0, 0, 0]);
  });

  it("refuses a date that has passed, or one past the host cap, and leaves the poll open", async () => {
    const gm = await app.given.user();
    const poll = await openPoll(gm);
    const view = await app.as(gm).poll.byCode({ code: poll.code });
    const later = await createTestApp({ DATABASE_URL: app.config.DATABASE_URL, HOST_SESSION_CAP: "1" });
    try {
      await later.given.session({ host: gm });
      await expectRefusal(
        later.as(gm).poll.pick({ pollId: poll.id, optionId: view.options[0]!.id }),
        "CONFLICT",
        /the limit is 1/,
      );
    } finally {
      await later.close();
    }
    app.advance(5 * 24 * HOUR); // Thursday 19 March, 18:00
    await expectRefusal(
      app.as(gm).poll.pick({ pollId: poll.id, optionId: view.options[0]!.id }),
      "BAD_REQUEST",
      /that date has passed/i,
    );
    const still = await app.as(gm).poll.byCode({ code: poll.code });
    expect(still).toMatchObject({ closedAt: null, pickedOptionId: null, gameSessionId: null });
    app.advance(-5 * 24 * HOUR);
  });

  it.runIf(testProvider === "postgresql")(
    "two picks at once through two processes: one session, one winner",
    async () => {
      const gm = await app.given.user();
      const poll = await openPoll(gm);
      const view = await app.as(gm).poll.byCode({ code: poll.code });
      const second = await createTestApp({ DATABASE_URL: app.config.DATABASE_URL });
      try {
        const results = await Promise.allSettled([
          app.as(gm).poll.pick({ pollId: poll.id, optionId: view.options[0]!.id }),
          second.as(gm).poll.pick({ pollId: poll.id, optionId: view.options[1]!.id }),
        ]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
        expect(String(refused.reason.message)).toMatch(/This poll is already decided or closed/);
        expect(await app.db.gameSession.count({ where: { hostId: gm.id } })).toBe(1);
      } finally {
        await second.close();
      }
    },
  );
});
