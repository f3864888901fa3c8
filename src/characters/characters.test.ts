import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";

const app = await createTestApp();
afterAll(() => app.close());

describe("characters", () => {
  it("belong to their owner, who may tie them to a campaign they are in", async () => {
    const [owner, other, gm] = await app.given.users(3);
    const admin = await app.given.user({ role: "admin" });
    const campaign = await app.as(gm!).campaign.create({ title: "Saga" });
    const meepo = await app.as(owner!).character.create({ name: "Meepo", description: "Kobold" });
    await expectRefusal(
      app.as(owner!).character.update({ characterId: meepo.id, campaignId: campaign.id }),
      "FORBIDDEN",
      /^Campaign: /,
    );
    await app.as(owner!).campaign.joinByCode({ code: campaign.inviteCode! });
    const tied = await app.as(owner!).character.update({ characterId: meepo.id, campaignId: campaign.id });
    expect(tied.campaign).toEqual({ id: campaign.id, title: "Saga" });
    expect((await app.as(owner!).character.listMine()).map((c) => c.name)).toEqual(["Meepo"]);
    expect(await app.as(other!).character.listMine()).toEqual([]);

    for (const call of [
      () => app.as(other!).character.byId({ characterId: meepo.id }),
      () => app.as(other!).character.update({ characterId: meepo.id, name: "Mine" }),
      () => app.as(other!).character.delete({ characterId: meepo.id }),
    ]) {
      await expectRefusal(call(), "FORBIDDEN");
    }
    await expectRefusal(app.as(null).character.listMine(), "UNAUTHORIZED");
    expect((await app.as(admin).character.byId({ characterId: meepo.id })).name).toBe("Meepo");
    await expectRefusal(app.as(owner!).character.create({ name: "" }), "BAD_REQUEST", /^Name: /);
    await app.as(owner!).character.delete({ characterId: meepo.id });
    await expectRefusal(app.as(owner!).character.byId({ characterId: meepo.id }), "NOT_FOUND");
  });
});
