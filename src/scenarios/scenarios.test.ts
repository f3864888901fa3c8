import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";

const app = await createTestApp();
afterAll(() => app.close());

describe("scenarios", () => {
  it("anyone signed in reads; the creator or an admin edits and deletes", async () => {
    const [author, other] = await app.given.users(2);
    const admin = await app.given.user({ role: "admin" });
    const made = await app.as(author!).scenario.create({ title: "Tomb of Horrors", gameSystem: "D&D 5e" });
    expect(made).toMatchObject({ description: "", createdById: author!.id });
    expect((await app.as(other!).scenario.byId({ scenarioId: made.id })).title).toBe("Tomb of Horrors");
    expect((await app.as(other!).scenario.list({ query: "5e" })).items.map((s) => s.id)).toEqual([made.id]);
    await expectRefusal(app.as(other!).scenario.update({ scenarioId: made.id, title: "Mine" }), "FORBIDDEN", "creator");
    await expectRefusal(app.as(other!).scenario.delete({ scenarioId: made.id }), "FORBIDDEN");
    await expectRefusal(app.as(null).scenario.list({}), "UNAUTHORIZED");
    await expectRefusal(app.as(null).scenario.create({ title: "x", gameSystem: "y" }), "UNAUTHORIZED");
    expect((await app.as(admin).scenario.update({ scenarioId: made.id, description: "Deadly" })).description).toBe(
      "Deadly",
    );

    // A campaign built on it survives its deletion.
    const campaign = await app.as(author!).campaign.create({ title: "Run", scenarioId: made.id });
    await app.as(author!).scenario.delete({ scenarioId: made.id });
    expect((await app.as(author!).campaign.byId({ campaignId: campaign.id })).scenario).toBeNull();
    await expectRefusal(app.as(author!).scenario.byId({ scenarioId: made.id }), "NOT_FOUND");
    await expectRefusal(
      app.as(author!).scenario.create({ title: "", gameSystem: "" }),
      "BAD_REQUEST",
      /Title: .*Game system: /,
    );
  });
});
