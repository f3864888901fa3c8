// Finding a game, on each database: which sessions a few fixed queries find and in
// what order, the filters together, paging that gives every result once, and the
// index following edits.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createTestApp } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import type { SessionCreateInput } from "./inputs.ts";

const app = await createTestApp();
const HOUR = 3_600_000;
const inHours = (hours: number) => new Date(app.clock.now.getTime() + hours * HOUR);
const anyone = app.as(null);

type Fields = Partial<z.input<typeof SessionCreateInput>>;
/** A session from its own host (so no host cap is reached), starting in `hours`. */
async function game(title: string, hours: number, fields: Fields = {}) {
  const host = await app.given.user();
  const { id } = await app.given.session({ host, startsInHours: hours, fields: { title, ...fields } });
  return id;
}
const titles = async (input: Parameters<typeof anyone.session.search>[0]) =>
  (await anyone.session.search({ limit: 50, ...input })).items.map((s) => s.title);

describe("finding a game", () => {
  it("ranks title matches first, then system and tags, then the description; soonest first within each", async () => {
    await game("Masks of Nyarlathotep", 30, {
      gameSystem: "Call of Cthulhu 7e",
      tags: ["horror", "investigation"],
      description: "A globe-trotting campaign.",
    });
    await game("Friday Night Horror", 60, { gameSystem: "Dread", tags: ["one-shot"] });
    await game("Tomb of Annihilation", 20, { gameSystem: "D&D 5e", tags: ["horror", "jungle"] });
    await game("Deep Water", 10, { description: "Slow horror on a fishing coast." });
    await game("Quiet Tea Party", 5, { description: "Nothing to fear." });

    expect(await titles({ q: "horror" })).toEqual([
      "Friday Night Horror",
      "Tomb of Annihilation",
      "Masks of Nyarlathotep",
      "Deep Water",
    ]);
    // Words are matched by prefix, in any field, all of them required.
    expect(await titles({ q: "cthul" })).toEqual(["Masks of Nyarlathotep"]);
    expect(await titles({ q: "Horror investigation" })).toEqual(["Masks of Nyarlathotep"]);
    expect(await titles({ q: "one-shot" })).toEqual(["Friday Night Horror"]);
    expect(await titles({ q: "dragons" })).toEqual([]);
    // Punctuation alone is no words: everything, soonest first.
    expect((await titles({ q: "?!" })).slice(0, 2)).toEqual(["Quiet Tea Party", "Deep Water"]);
  });

  it("combines the filters, and shows only public sessions still to come", async () => {
    const base: Fields = {
      gameSystem: "Pathfinder 2e",
      tags: ["beginner-friendly"],
      language: "de",
      experienceLevel: "newcomers",
      online: true,
    };
    await game("Kingmaker A", 40, base);
    await game("Kingmaker B", 41, { ...base, language: "de-AT" });
    await game("Kingmaker C", 42, { ...base, online: false });
    await game("Kingmaker D", 43, { ...base, experienceLevel: "veterans" });
    await game("Kingmaker E", 44, { ...base, tags: ["beginner"] });
    await game("Kingmaker F", 45, { ...base, gameSystem: "Pathfinder 1e" });
    await game("Kingmaker G", 400, base);
    await game("Kingmaker H", 46, { ...base, visibility: "unlisted" });
    const cancelled = await game("Kingmaker I", 47, base);
    const host = (await app.db.gameSession.findUniqueOrThrow({ where: { id: cancelled } })).hostId;
    await app.as({ id: host, role: "user" } as never).session.cancel({ sessionId: cancelled });
    const full = await game("Kingmaker J", 48, base);
    await app.db.gameSession.update({ where: { id: full }, data: { maxPlayers: 1, playerCount: 1 } });

    expect(
      await titles({
        q: "kingmaker",
        gameSystem: "pathfinder 2E",
        tag: "Beginner-Friendly",
        language: "de",
        experienceLevel: "newcomers",
        online: true,
        to: inHours(100),
        openSeats: true,
      }),
    ).toEqual(["Kingmaker A", "Kingmaker B"]);
    expect(await titles({ q: "kingmaker", tag: "beginner" })).toEqual(["Kingmaker E"]);
    expect(await titles({ q: "kingmaker", from: inHours(300) })).toEqual(["Kingmaker G"]);
    expect(await titles({ q: "kingmaker", language: "de-AT" })).toEqual(["Kingmaker B"]);
    const all = await titles({ q: "kingmaker" });
    expect(all).toContain("Kingmaker J");
    expect(all).not.toContain("Kingmaker H");
    expect(all).not.toContain("Kingmaker I");
  });

  it("pages through every result exactly once, across the ranks", async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push(await game(`Paging title ${i}`, 100 + i));
    for (let i = 0; i < 6; i++) made.push(await game(`Other ${i}`, 90 + i, { tags: ["paging"] }));
    for (let i = 0; i < 5; i++) made.push(await game(`Third ${i}`, 80 + i, { description: "about paging" }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof anyone.session.search>> = await anyone.session.search({
        q: "paging",
        limit: 4,
        cursor,
      });
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(made.length);
    expect(new Set(seen)).toEqual(new Set(made));
    // Ranks in order: the 7 titles, then the 6 tags, then the 5 descriptions.
    expect(seen.slice(0, 7).sort()).toEqual(made.slice(0, 7).sort());
    expect(seen.slice(13).sort()).toEqual(made.slice(13).sort());
  });

  it("follows edits and deletions, and refuses bad input", async () => {
    const host = await app.given.user();
    const { id } = await app.given.session({ host, fields: { title: "Ravenloft Nights" } });
    expect(await titles({ q: "ravenloft" })).toEqual(["Ravenloft Nights"]);
    await app.as(host).session.update({ sessionId: id, title: "Barovia Nights", tags: ["gothic"] });
    expect(await titles({ q: "ravenloft" })).toEqual([]);
    expect(await titles({ q: "barovia gothic" })).toEqual(["Barovia Nights"]);
    await app.as(host).session.delete({ sessionId: id });
    expect(await titles({ q: "barovia" })).toEqual([]);

    // @ts-expect-error: not a filter
    await expectRefusal(anyone.session.search({ sort: "new" }), "BAD_REQUEST", /sort/);
    await expectRefusal(anyone.session.search({ limit: 51 }), "BAD_REQUEST", /^How many: /);
    await expectRefusal(anyone.session.search({ cursor: "nope:x" }), "BAD_REQUEST", /^Page: /);
  });
});
