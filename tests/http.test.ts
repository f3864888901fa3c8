// The wire: a GM and a player using typed tRPC clients against the real HTTP server.
import { describe, expect, it } from "vitest";
import { createServedTestApp } from "./app.ts";
import { expectRefusal } from "./errors.ts";
import { browserClient, tokenClient } from "./http-client.ts";

const app = createServedTestApp();

describe("over HTTP", () => {
  it("answers /healthz", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("a GM schedules a session (cookie), a script joins it by code (Bearer), both see the seat taken", async () => {
    const { client: gm } = browserClient(app.url);
    await gm.auth.signUp.mutate({ email: "gm@example.test", password: "a long enough password", displayName: "GM" });
    const startsAt = new Date(app.clock.now.getTime() + 86_400_000);
    const created = await gm.session.create.mutate({ title: "Keep on the Borderlands", startsAt, maxPlayers: 4 });
    expect(created.startsAt).toEqual(startsAt); // a Date again, thanks to superjson

    const { client: player } = browserClient(app.url);
    await player.auth.signUp.mutate({ email: "p@example.test", password: "a long enough password", displayName: "P" });
    const { token } = await player.apiToken.create.mutate({ name: "cli" });
    const script = tokenClient(app.url, token);
    const joined = await script.participant.joinByCode.mutate({ code: created.joinCode! });
    expect(joined.status).toBe("joined");

    const [listed] = (await gm.session.list.query({ mine: true })).items;
    expect(listed).toMatchObject({ id: created.id, playerCount: 1, openSeats: 3 });
    const seen = await script.session.byId.query({ sessionId: created.id });
    expect(seen.joinCode).toBeNull();
    await expectRefusal(script.session.start.mutate({ sessionId: created.id }), "FORBIDDEN");
    expect((await gm.session.start.mutate({ sessionId: created.id })).status).toBe("active");
  });

  it("answers malformed requests with 4xx, never 500", async () => {
    const malformed = await fetch(`${app.url}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    const unknown = await fetch(`${app.url}/trpc/session.explode`);
    expect(unknown.status).toBe(404);
    const wrongTypes = await fetch(`${app.url}/trpc/auth.signUp`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { email: 42, password: ["x"], displayName: { a: 1 } } }),
    });
    expect(wrongTypes.status).toBe(400);
  });

  it("treats a cursor to a vanished session as the end of the list, and refuses a made-up one", async () => {
    const { client } = browserClient(app.url);
    await client.auth.signUp.mutate({ email: "c@example.test", password: "a long enough password", displayName: "C" });
    expect(await client.session.list.query({ cursor: "all:no-such-session" })).toEqual({ items: [], nextCursor: null });
    await expectRefusal(client.session.list.query({ cursor: "no-such-session" }), "BAD_REQUEST", /^cursor: /);
  });
});
