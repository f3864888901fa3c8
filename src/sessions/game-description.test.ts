// Describing a game: system, tags, language, experience level, content, online; kept
// through edits and series, refused with a sentence when malformed.
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";

const app = await createTestApp();
const inHours = (hours: number) => new Date(app.clock.now.getTime() + hours * 3_600_000);

describe("describing a game", () => {
  it("keeps what the GM gives, in the form it is searched", async () => {
    const gm = await app.given.user();
    const created = await app.as(gm).session.create({
      title: "Masks of Nyarlathotep",
      startsAt: inHours(48),
      gameSystem: "Call of Cthulhu 7e",
      tags: ["Horror", "one shot", "horror", "Investigation"],
      language: "fr-ca",
      experienceLevel: "newcomers",
      contentRating: "mature",
      contentNotes: "Body horror; no harm to animals.",
      online: true,
    });
    expect(created).toMatchObject({
      gameSystem: "Call of Cthulhu 7e",
      tags: ["horror", "one-shot", "investigation"],
      language: "fr-CA",
      experienceLevel: "newcomers",
      contentRating: "mature",
      contentNotes: "Body horror; no harm to animals.",
      online: true,
    });
    const edited = await app.as(gm).session.update({ sessionId: created.id, tags: ["pulp"], experienceLevel: null });
    expect([edited.tags, edited.experienceLevel, edited.language]).toEqual([["pulp"], null, "fr-CA"]);
    const listed = (await app.as(null).session.list({ limit: 100 })).items.find((s) => s.id === created.id);
    expect(listed?.tags).toEqual(["pulp"]);
  });

  it("takes the system from the campaign's scenario, and online from a venue with only a link", async () => {
    const gm = await app.given.user();
    const scenario = await app.as(gm).scenario.create({ title: "Lost Mine", gameSystem: "D&D 5e" });
    const campaign = await app.as(gm).campaign.create({ title: "Phandelver", scenarioId: scenario.id });
    const venue = await app.as(gm).venue.create({ name: "Our Discord", onlineUrl: "https://discord.gg/abc" });
    const session = await app
      .as(gm)
      .session.create({ title: "Goblin Arrows", startsAt: inHours(48), campaignId: campaign.id, venueId: venue.id });
    expect([session.gameSystem, session.online, session.tags]).toEqual(["D&D 5e", true, []]);
  });

  it("is copied into every date of a series", async () => {
    const gm = await app.given.user();
    const { first } = await app.as(gm).series.create({
      title: "Weekly Blades",
      startsAt: inHours(48),
      repeat: { frequency: "weekly", count: 3 },
      timeZone: "Europe/Paris",
      gameSystem: "Blades in the Dark",
      tags: ["heist"],
      visibility: "unlisted",
      experienceLevel: "mixed",
    });
    const dates = await app.db.gameSession.findMany({ where: { seriesId: first.seriesId! } });
    expect(dates).toHaveLength(3);
    for (const date of dates) {
      expect([date.gameSystem, date.tags, date.visibility, date.experienceLevel]).toEqual([
        "Blades in the Dark",
        "heist",
        "unlisted",
        "mixed",
      ]);
    }
  });

  it("refuses malformed descriptions with the field named, and changes nothing", async () => {
    const gm = await app.given.user();
    const { id } = await app.given.session({ host: gm, fields: { tags: ["horror"] } });
    const refusals: [Record<string, unknown>, RegExp][] = [
      [{ tags: ["a,b"] }, /^Tags: tags hold letters, digits and hyphens/],
      [{ tags: Array.from({ length: 9 }, (_, i) => `t${i}`) }, /^Tags: give at most 8 tags/],
      [{ tags: ["x".repeat(31)] }, /^Tags: keep each tag under 31 characters/],
      [{ language: "not a language!" }, /^Language: choose a language from the list/],
      [{ experienceLevel: "godlike" }, /^Experience level: choose an experience level/],
      [{ contentRating: "x" }, /^Content rating: choose a content rating/],
      [{ gameSystem: "x".repeat(81) }, /^Game system: /],
    ];
    for (const [change, message] of refusals) {
      await expectRefusal(app.as(gm).session.update({ sessionId: id, ...change }), "BAD_REQUEST", message);
    }
    const stored = await app.db.gameSession.findUniqueOrThrow({ where: { id } });
    expect([stored.tags, stored.language, stored.experienceLevel, stored.gameSystem]).toEqual([
      "horror",
      null,
      null,
      null,
    ]);
  });
});
