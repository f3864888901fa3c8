import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";

const app = await createTestApp();
afterAll(() => app.close());

describe("users", () => {
  it("finds, by name, people the searcher shares a session or campaign with; never by email", async () => {
    const ada = await app.given.user({ name: "Ada Lovelace" });
    const grace = await app.given.user({ name: "Grace Lovelock" });
    const [searcher, stranger] = await app.given.users(2);
    // A stranger, and an email address, find no one: a search tells nothing about accounts.
    expect(await app.as(stranger!).user.search({ query: "Lovel" })).toEqual([]);
    expect(await app.as(searcher!).user.search({ query: ada.email })).toEqual([]);
    expect(await app.as(searcher!).user.search({ query: "Lovel" })).toEqual([]);

    // Ada played in the searcher's session; Grace is in a campaign the searcher runs.
    const { id } = await app.given.session({ host: searcher });
    await app.given.join(id, ada);
    const campaign = await app.as(searcher!).campaign.create({ title: "Strahd" });
    await app.as(grace).campaign.joinByCode({ code: campaign.inviteCode! });
    expect(await app.as(searcher!).user.search({ query: "Lovel" })).toEqual([
      { id: ada.id, displayName: "Ada Lovelace" },
      { id: grace.id, displayName: "Grace Lovelock" },
    ]);
    // It goes both ways: the player finds the GM; a fellow member finds the member.
    expect(await app.as(ada).user.search({ query: searcher!.displayName })).toEqual([
      { id: searcher!.id, displayName: searcher!.displayName },
    ]);
    expect(await app.as(stranger!).user.search({ query: "Lovel" })).toEqual([]);
  });

  it("lets admins find anyone, by name or exact email", async () => {
    const admin = await app.given.user({ role: "admin" });
    const ada = await app.given.user({ name: "Ada Byron" });
    expect(await app.as(admin).user.search({ query: "Byron" })).toEqual([{ id: ada.id, displayName: "Ada Byron" }]);
    expect(await app.as(admin).user.search({ query: ada.email.toUpperCase() })).toEqual([
      { id: ada.id, displayName: "Ada Byron" },
    ]);
    const searcher = await app.given.user();
    await expectRefusal(app.as(searcher).user.search({ query: "a" }), "BAD_REQUEST", /^Search: /);
    await expectRefusal(app.as(null).user.search({ query: "Ada" }), "UNAUTHORIZED");
  });

  it("lets only admins make admins, and not un-make themselves", async () => {
    const admin = await app.given.user({ role: "admin" });
    const [user, other] = await app.given.users(2);
    await expectRefusal(app.as(null).user.setRole({ userId: user!.id, role: "admin" }), "UNAUTHORIZED");
    await expectRefusal(app.as(user!).user.setRole({ userId: user!.id, role: "admin" }), "FORBIDDEN", "Only admins");
    expect(await app.as(admin).user.setRole({ userId: other!.id, role: "admin" })).toMatchObject({ role: "admin" });
    await expectRefusal(app.as(admin).user.setRole({ userId: admin.id, role: "user" }), "CONFLICT");
    await expectRefusal(app.as(admin).user.setRole({ userId: "nobody", role: "admin" }), "NOT_FOUND");
  });
});
