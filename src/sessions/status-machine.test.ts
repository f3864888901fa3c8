import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import type { GameSessionStatus } from "../generated/prisma/enums.ts";
import { type StatusAction, TRANSITIONS } from "./rules.ts";

const app = await createTestApp();
afterAll(() => app.close());

const STATUSES: GameSessionStatus[] = ["scheduled", "active", "paused", "completed", "cancelled"];
const ACTIONS = Object.keys(TRANSITIONS) as StatusAction[];

/** The shortest way through the machine to reach each status. */
const PATH_TO: Record<GameSessionStatus, StatusAction[]> = {
  scheduled: [],
  active: ["start"],
  paused: ["start", "pause"],
  completed: ["start", "end"],
  cancelled: ["cancel"],
};

async function sessionIn(status: GameSessionStatus) {
  const { id, host } = await app.given.session();
  const gm = app.as(host);
  for (const action of PATH_TO[status]) await gm.session[action]({ sessionId: id });
  expect((await gm.session.byId({ sessionId: id })).status).toBe(status);
  return { id, gm };
}

describe("the status machine", () => {
  for (const from of STATUSES) {
    for (const action of ACTIONS) {
      const allowed = TRANSITIONS[action].from.includes(from);
      it(`${allowed ? "allows" : "refuses"} ${action} from ${from}`, async () => {
        const { id, gm } = await sessionIn(from);
        if (allowed) {
          const result = await gm.session[action]({ sessionId: id });
          expect(result.status).toBe(TRANSITIONS[action].to);
        } else {
          await expectRefusal(
            gm.session[action]({ sessionId: id }),
            "CONFLICT",
            `Cannot ${action} a session that is ${from}`,
          );
          expect((await gm.session.byId({ sessionId: id })).status).toBe(from);
        }
      });
    }
  }

  it("sets startedAt, endedAt and a duration that leaves out pauses", async () => {
    const { id, host } = await app.given.session();
    const gm = app.as(host);
    const startedAt = app.clock.now;
    await gm.session.start({ sessionId: id });
    app.advance(60 * 60_000);
    await gm.session.pause({ sessionId: id });
    app.advance(30 * 60_000);
    await gm.session.resume({ sessionId: id });
    app.advance(45 * 60_000);
    const ended = await gm.session.end({ sessionId: id });
    expect(ended.startedAt).toEqual(startedAt);
    expect(ended.endedAt).toEqual(app.clock.now);
    expect(ended.durationMinutes).toBe(105);
  });

  it("ending while paused does not count the pause", async () => {
    const { id, host } = await app.given.session();
    const gm = app.as(host);
    await gm.session.start({ sessionId: id });
    app.advance(20 * 60_000);
    await gm.session.pause({ sessionId: id });
    app.advance(60 * 60_000);
    expect((await gm.session.end({ sessionId: id })).durationMinutes).toBe(20);
  });

  it("records the GM's reason and notifies joined and waitlisted players on cancel", async () => {
    const { id, host } = await app.given.session({ seats: 1 });
    const [seated, waiting] = await app.given.users(2);
    await app.given.join(id, seated!);
    await app.given.join(id, waiting!);
    const cancelled = await app.as(host).session.cancel({ sessionId: id, reason: "The GM is ill." });
    expect(cancelled).toMatchObject({
      status: "cancelled",
      cancelReason: "The GM is ill.",
      cancelledAt: app.clock.now,
    });
    const notified = await app.db.notification.findMany({ where: { gameSessionId: id, type: "session_cancelled" } });
    expect(notified.map((n) => n.userId).sort()).toEqual([seated!.id, waiting!.id].sort());
  });
});
