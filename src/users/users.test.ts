import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";

const app = await createTestApp();
afterAll(() => app.close());

describe("users", () => {
  it("finds people by name or exact email, without showing emails", async () => {
    const ada = await app.given.user({ name: "Ada Lovelace" });
    const searcher = await app.given.user();
    expect(await app.as(searcher).user.search({ query: "Lovel" })).toEqual([
      { id: ada.id, displayName: "Ada Lovelace" },
    ]);
    expect(await app.as(searcher).user.search({ query: ada.email.toUpperCase() })).toEqual([
      { id: ada.id, displayName: "Ada Lovelace" },
    ]);
    await expectRefusal(app.as(searcher).user.search({ query: "a" }), "BAD_REQUEST", /^query: /);
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
