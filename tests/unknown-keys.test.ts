// A misspelt field is refused, never silently dropped: every procedure that takes input
// answers BAD_REQUEST naming the unknown key, and changes nothing.
import { describe, expect, it } from "vitest";
import { appRouter } from "../src/router.ts";
import { createTestApp } from "./app.ts";
import { expectRefusal } from "./errors.ts";

const app = await createTestApp();

describe("unknown keys", () => {
  it("the misspellings a new group made are refused, naming the key, and change nothing", async () => {
    const gm = await app.given.user({ name: "GM" });
    const before = await app.db.gameSession.count();
    await expectRefusal(
      app.as(gm).session.create({ title: "Typo", startsAt: new Date(Date.now() + 86_400_000), maxPlayer: 3 } as never),
      "BAD_REQUEST",
      'Unknown field "maxPlayer": check the spelling.',
    );
    expect(await app.db.gameSession.count()).toBe(before);

    const { id } = await app.given.session({ host: gm });
    await expectRefusal(
      app.as(gm).session.update({ sessionId: id, titel: "Renamed" } as never),
      "BAD_REQUEST",
      'Unknown field "titel"',
    );
    expect((await app.db.gameSession.findUniqueOrThrow({ where: { id } })).title).not.toBe("Renamed");

    const player = await app.given.user();
    await expectRefusal(
      app.as(player).participant.join({ sessionId: id, rol: "observer" } as never),
      "BAD_REQUEST",
      'Unknown field "rol"',
    );
    expect(await app.db.participant.count({ where: { gameSessionId: id, userId: player.id } })).toBe(0);
    await expectRefusal(
      app.as(gm).session.start({ sessionId: id, now: true } as never),
      "BAD_REQUEST",
      'Unknown field "now"',
    );
    expect((await app.db.gameSession.findUniqueOrThrow({ where: { id } })).status).toBe("scheduled");
  });

  it("every query and mutation that takes input refuses a key it does not know", async () => {
    const admin = await app.given.user({ role: "admin" });
    const { id } = await app.given.session({ host: admin });
    const caller = app.as(admin) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
    const checked: string[] = [];
    for (const [path, procedure] of Object.entries(appRouter._def.procedures)) {
      const { type, inputs } = (procedure as unknown as { _def: { type: string; inputs: unknown[] } })._def;
      if (type === "subscription" || inputs.length === 0) continue;
      const [area, name] = path.split(".") as [string, string];
      // A real session of the caller's, so that checks on it pass and the input is read whole.
      await expectRefusal(caller[area]![name]!({ sessionId: id, zzTypo: 1 }), "BAD_REQUEST", '"zzTypo"');
      checked.push(path);
    }
    expect(checked.length).toBeGreaterThan(40);
    expect(checked).toEqual(expect.arrayContaining(["session.create", "participant.join", "record.update"]));
  });
});
