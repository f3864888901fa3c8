import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";

const app = await createTestApp();
afterAll(() => app.close());

describe("venues", () => {
  it("CRUD by the creator or an admin, filters, and a clear refusal to delete one in use", async () => {
    const [owner, other] = await app.given.users(2);
    const admin = await app.given.user({ role: "admin" });
    const shop = await app.as(owner!).venue.create({ name: "The Dice Tower", address: "1 Main St" });
    const online = await app.as(owner!).venue.create({ name: "Discord", onlineUrl: "https://discord.example/table" });
    expect((await app.as(other!).venue.list({ online: true })).items.map((v) => v.id)).toEqual([online.id]);
    expect((await app.as(other!).venue.list({ query: "main" })).items.map((v) => v.id)).toEqual([shop.id]);
    expect((await app.as(other!).venue.byId({ venueId: shop.id })).name).toBe("The Dice Tower");

    await expectRefusal(app.as(other!).venue.update({ venueId: shop.id, name: "Mine" }), "FORBIDDEN");
    await expectRefusal(app.as(null).venue.create({ name: "x", address: "y" }), "UNAUTHORIZED");
    expect((await app.as(admin).venue.update({ venueId: shop.id, notes: "Back room" })).notes).toBe("Back room");
    await expectRefusal(app.as(owner!).venue.update({ venueId: shop.id, address: null }), "BAD_REQUEST", /^Address: /);

    const at = new Date(app.clock.now.getTime() + 86_400_000);
    await app.as(owner!).session.create({ title: "At the shop", startsAt: at, venueId: shop.id });
    await expectRefusal(app.as(owner!).venue.delete({ venueId: shop.id }), "CONFLICT", "used by 1 session");
    await app.as(owner!).venue.delete({ venueId: online.id });
    await expectRefusal(app.as(owner!).venue.byId({ venueId: online.id }), "NOT_FOUND");
  });

  it("refuses bad input with the field named", async () => {
    const user = await app.given.user();
    await expectRefusal(app.as(user).venue.create({ name: "Nowhere" }), "BAD_REQUEST", /^Address: /);
    await expectRefusal(
      app.as(user).venue.create({ name: "x", onlineUrl: "javascript:alert(1)" }),
      "BAD_REQUEST",
      /^Online link: /,
    );
    await expectRefusal(app.as(user).venue.create({ name: "", address: "x" }), "BAD_REQUEST", /^Name: /);
  });
});
