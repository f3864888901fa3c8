// 1,000 players race over real HTTP for the 6 seats of one session.
import { describe, expect, it } from "vitest";
import { createApiToken } from "../../src/auth/api-tokens.ts";
import { createServedTestApp } from "../app.ts";
import { tokenClient } from "../http-client.ts";

const app = await createServedTestApp();
const RACERS = 1_000;

describe("racing writes", () => {
  it("1,000 concurrent joins of a 6-seat session: 6 joined, the rest waitlisted in arrival order, no duplicates", {
    timeout: 120_000,
  }, async () => {
    const { id } = await app.given.session({ seats: 6, minPlayers: 1 });
    const racers = await app.given.users(RACERS);
    const clients = await Promise.all(
      racers.map(async (user) => tokenClient(app.url, (await createApiToken(app.db, user.id, "race")).token)),
    );

    const results = await Promise.all(clients.map((client) => client.participant.join.mutate({ sessionId: id })));

    expect(results.filter((r) => r.status === "joined")).toHaveLength(6);
    expect(results.filter((r) => r.status === "waitlisted")).toHaveLength(RACERS - 6);
    const rows = await app.db.participant.findMany({
      where: { gameSessionId: id, role: "player" },
      orderBy: { joinOrder: "asc" },
    });
    expect(rows).toHaveLength(RACERS); // one row per racer, no duplicates
    expect(new Set(rows.map((r) => r.userId)).size).toBe(RACERS);
    // Arrival order is the order in which the joins took the session's lock (joinOrder):
    // the first six arrivals are seated, and every waitlist position follows it.
    expect(rows.slice(0, 6).every((r) => r.status === "joined")).toBe(true);
    const positionByUser = new Map(results.map((r) => [r.userId, r.waitlistPosition]));
    rows.slice(6).forEach((row, index) => {
      expect(row.status).toBe("waitlisted");
      expect(positionByUser.get(row.userId)).toBe(index + 1);
    });
    expect((await app.db.gameSession.findUniqueOrThrow({ where: { id } })).playerCount).toBe(6);
  });
});
