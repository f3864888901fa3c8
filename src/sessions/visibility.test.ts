// Who sees a session, for each visibility, through every procedure that reads one:
// signed out, an outsider, a campaign member, a player the GM seated, the GM, an admin.
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import type { AuthUser } from "../auth/lucia.ts";
import { linkPreviewTags } from "../http/link-preview.ts";

const app = await createTestApp();

type Visibility = "public" | "unlisted" | "campaign";
type ViewerName = "anonymous" | "outsider" | "member" | "participant" | "gm" | "admin";
const VIEWERS: ViewerName[] = ["anonymous", "outsider", "member", "participant", "gm", "admin"];

/** A campaign session with each kind of viewer around it. */
async function sessionSeenBy(visibility: Visibility) {
  const gm = await app.given.user({ name: "GM" });
  const [member, participant, outsider] = (await app.given.users(3)) as [AuthUser, AuthUser, AuthUser];
  const admin = await app.given.user({ role: "admin" });
  const campaign = await app.as(gm).campaign.create({ title: `The ${visibility} campaign` });
  const { inviteCode } = await app.as(gm).campaign.byId({ campaignId: campaign.id });
  await app.as(member).campaign.joinByCode({ code: inviteCode! });
  const { id } = await app.given.session({
    host: gm,
    fields: { title: `The ${visibility} table`, campaignId: campaign.id, visibility },
  });
  await app.as(gm).participant.add({ sessionId: id, userId: participant.id, role: "player" });
  const { joinCode } = await app.as(gm).session.byId({ sessionId: id });
  const viewers: Record<ViewerName, AuthUser | null> = { anonymous: null, outsider, member, participant, gm, admin };
  return { id, joinCode: joinCode!, viewers };
}

/** Whether a call went through, or the code it was refused with. */
async function outcome(call: Promise<unknown>): Promise<true | string> {
  try {
    const result = await call;
    // A stream that opened: close it again.
    if (result && typeof result === "object" && Symbol.asyncIterator in result) {
      await (result as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
    }
    return true;
  } catch (error) {
    return (error as { code: string }).code;
  }
}

const SEES: Record<Visibility, ViewerName[]> = {
  public: VIEWERS,
  unlisted: ["member", "participant", "gm", "admin"],
  campaign: ["member", "participant", "gm", "admin"],
};

describe.each(["public", "unlisted", "campaign"] as const)("a %s session", (visibility) => {
  it("is listed, read, streamed and exported to calendars for exactly those who may see it", async () => {
    const { id, viewers } = await sessionSeenBy(visibility);
    for (const name of VIEWERS) {
      const viewer = viewers[name];
      const as = app.as(viewer);
      const sees = SEES[visibility].includes(name);
      const refusal = viewer ? "FORBIDDEN" : "UNAUTHORIZED";
      const listed = (await as.session.list({ limit: 100 })).items.some((s) => s.id === id);
      expect({ name, listed }).toEqual({ name, listed: sees });
      // Search finds public sessions only, whoever asks: it is how strangers find a game.
      const found = (await as.session.search({ q: `${visibility} table` })).items.some((s) => s.id === id);
      expect({ name, found }).toEqual({ name, found: visibility === "public" });
      expect({ name, byId: await outcome(as.session.byId({ sessionId: id })) }).toEqual({
        name,
        byId: sees || refusal,
      });
      // The rest need a sign-in whatever the visibility.
      const signedIn = (allowed: boolean) => (viewer ? allowed || refusal : "UNAUTHORIZED");
      const reads = {
        participants: await outcome(as.participant.list({ sessionId: id })),
        stream: await outcome(as.session.onChanged({ sessionId: id })),
        calendar: await outcome(as.calendar.session({ sessionId: id })),
        series: await outcome(as.series.ofSession({ sessionId: id })),
      };
      expect({ name, ...reads }).toEqual({
        name,
        participants: signedIn(sees),
        stream: signedIn(sees),
        calendar: signedIn(sees),
        series: signedIn(sees),
      });
    }
  });

  it("opens through its join code unless it is kept to its campaign", async () => {
    const { id, joinCode, viewers } = await sessionSeenBy(visibility);
    const withCode = visibility !== "campaign";
    for (const name of ["anonymous", "outsider"] as const) {
      const result = await outcome(app.as(viewers[name]).session.byJoinCode({ code: joinCode }));
      expect({ name, result }).toEqual({ name, result: withCode || "NOT_FOUND" });
    }
    // A pasted link previews what a signed-out visitor would see through it.
    const preview = async (path: string) => (await linkPreviewTags(app, path)).includes(`The ${visibility} table`);
    expect({ byId: await preview(`/sessions/${id}`), byCode: await preview(`/join/${joinCode}`) }).toEqual({
      byId: visibility === "public",
      byCode: withCode,
    });
    const outsider = viewers.outsider!;
    // By its id, only a public session can be joined by someone outside it.
    const byId = await outcome(app.as(outsider).participant.join({ sessionId: id }));
    expect(byId).toBe(visibility === "public" || "FORBIDDEN");
    if (visibility === "campaign") {
      await expectRefusal(app.as(outsider).participant.joinByCode({ code: joinCode }), "NOT_FOUND", "join code");
      expect(await app.db.participant.count({ where: { gameSessionId: id, userId: outsider.id } })).toBe(0);
    } else if (visibility === "unlisted") {
      expect((await app.as(outsider).participant.joinByCode({ code: joinCode })).status).toBe("joined");
      // In it now, they see it by its id like anyone seated.
      expect((await app.as(outsider).session.byId({ sessionId: id })).id).toBe(id);
    }
  });
});

describe("what a signed-out visitor sees of a public session", () => {
  it("leaves out the meeting link and the voice channel, which are for the players", async () => {
    const gm = await app.given.user();
    const venue = await app.as(gm).venue.create({ name: "Online table", onlineUrl: "https://meet.example/secret" });
    const { id } = await app.given.session({ host: gm, fields: { title: "Open online table", venueId: venue.id } });
    const { joinCode } = await app.as(gm).session.byId({ sessionId: id });
    const anonymous = app.as(null).session;
    const seen = [
      await anonymous.byId({ sessionId: id }),
      await anonymous.byJoinCode({ code: joinCode! }),
      (await anonymous.list({})).items.find((s) => s.id === id),
      (await anonymous.search({ q: "open online" })).items.find((s) => s.id === id),
    ];
    for (const view of seen)
      expect(view?.venue).toEqual({ id: venue.id, name: "Online table", address: null, onlineUrl: null });
    const player = await app.given.user();
    expect((await app.as(player).session.byId({ sessionId: id })).venue?.onlineUrl).toBe("https://meet.example/secret");
    await app.as(player).participant.join({ sessionId: id });
    const mine = (await app.as(player).session.search({ q: "open online" })).items.find((s) => s.id === id);
    expect(mine?.myPlace).toMatchObject({ role: "player", status: "joined" });
  });
});

describe("choosing who sees a session", () => {
  it("takes the campaign's default, and refuses a members-only session without a campaign", async () => {
    const gm = await app.given.user();
    const open = await app.as(gm).campaign.create({ title: "Open doors", defaultVisibility: "unlisted" });
    const kept = await app.as(gm).campaign.create({ title: "Closed doors" });
    const startsAt = new Date(app.clock.now.getTime() + 48 * 3_600_000);
    const inOpen = await app.as(gm).session.create({ title: "A", startsAt, campaignId: open.id });
    const inKept = await app.as(gm).session.create({ title: "B", startsAt, campaignId: kept.id });
    const alone = await app.as(gm).session.create({ title: "C", startsAt });
    expect([inOpen.visibility, inKept.visibility, alone.visibility]).toEqual(["unlisted", "campaign", "public"]);
    await expectRefusal(
      app.as(gm).session.create({ title: "D", startsAt, visibility: "campaign" }),
      "BAD_REQUEST",
      /^Visibility: only a campaign's session/,
    );
    await expectRefusal(
      app.as(gm).session.update({ sessionId: alone.id, visibility: "campaign" }),
      "BAD_REQUEST",
      /^Visibility: /,
    );
    expect((await app.db.gameSession.findUniqueOrThrow({ where: { id: alone.id } })).visibility).toBe("public");
    // @ts-expect-error: not a visibility
    await expectRefusal(app.as(gm).session.update({ sessionId: alone.id, visibility: "secret" }), "BAD_REQUEST");
    const hidden = await app.as(gm).session.update({ sessionId: inOpen.id, visibility: "campaign" });
    expect(hidden.visibility).toBe("campaign");
  });
});
