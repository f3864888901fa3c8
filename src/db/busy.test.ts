// "The database is busy" is told apart from real failures, whatever the database said.
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../tests/app.ts";
import { testProvider } from "../../tests/setup/test-database.ts";
import { isDatabaseBusy } from "./busy.ts";

const app = await createTestApp();
afterAll(() => app.close());

describe("a busy database", () => {
  it("is not a unique-key clash or a missing row", async () => {
    const user = await app.given.user();
    const clash = await app.db.user
      .create({ data: { email: user.email, displayName: "Twin", passwordHash: "-" } })
      .catch((error: unknown) => error);
    expect(isDatabaseBusy(clash)).toBe(false);
    const missing = await app.db.user.update({ where: { id: "nobody" }, data: { displayName: "x" } }).catch((e) => e);
    expect(isDatabaseBusy(missing)).toBe(false);
  });

  // SQLite has one writer, so two transactions never hold row locks crosswise.
  it.runIf(testProvider === "postgresql")("includes a deadlock between two transactions (PostgreSQL)", async () => {
    const [a, b] = await app.given.users(2);
    const crosswise = (first: string, second: string) =>
      app.db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: first }, data: { displayName: "first" } });
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.user.update({ where: { id: second }, data: { displayName: "second" } });
      });
    const results = await Promise.allSettled([crosswise(a!.id, b!.id), crosswise(b!.id, a!.id)]);
    const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(failures).toHaveLength(1); // PostgreSQL picks one victim; the other commits
    expect(isDatabaseBusy(failures[0])).toBe(true);
  });
});
