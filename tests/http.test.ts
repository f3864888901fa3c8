// The wire: a GM and a player using typed tRPC clients against the real HTTP server.
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientIp } from "../src/http/server.ts";
import { createServedTestApp, createTestApp, TEST_PASSWORD } from "./app.ts";
import { expectRefusal } from "./errors.ts";
import { replyError, signedInBrowser, tokenClient } from "./http-client.ts";

const app = await createServedTestApp();
/** A browser signed in (cookie) as a new user. */
const signedIn = async () => signedInBrowser(app.url, await app.given.user());

describe("over HTTP", () => {
  it("answers /healthz: this process reaches its database and its event bus", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      database: "ok",
      events: "ok",
      process: app.services.processId,
    });
  });

  it("a GM schedules a session (cookie), a script joins it by code (Bearer), both see the seat taken", async () => {
    const { client: gm } = await signedIn();
    const startsAt = new Date(app.clock.now.getTime() + 86_400_000);
    const created = await gm.session.create.mutate({ title: "Keep on the Borderlands", startsAt, maxPlayers: 4 });
    expect(created.startsAt).toEqual(startsAt); // a Date again, thanks to the transformer

    const { client: player } = await signedIn();
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
    const { client } = await signedIn();
    expect(await client.session.list.query({ cursor: "all:no-such-session" })).toEqual({ items: [], nextCursor: null });
    await expectRefusal(client.session.list.query({ cursor: "no-such-session" }), "BAD_REQUEST", /^Page: /);
  });

  it("takes the client's address from the proxy it trusts, never from what the client wrote", () => {
    const request = (forwardedFor: string | undefined, peer = "10.0.0.2") =>
      ({ socket: { remoteAddress: peer }, headers: { "x-forwarded-for": forwardedFor } }) as unknown as IncomingMessage;
    expect(clientIp(request("6.6.6.6"), 0)).toBe("10.0.0.2");
    // One proxy appended the real address after whatever the client forged.
    expect(clientIp(request("6.6.6.6, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientIp(request("203.0.113.7"), 1)).toBe("203.0.113.7");
    // Two proxies: a CDN appended the client, the local proxy appended the CDN.
    expect(clientIp(request("6.6.6.6, 203.0.113.7, 198.51.100.1"), 2)).toBe("203.0.113.7");
    expect(clientIp(request(undefined), 1)).toBe("10.0.0.2");
    expect(clientIp(request("6.6.6.6, 203.0.113.7", "::ffff:127.0.0.1"), 1)).toBe("203.0.113.7");
    // Reached directly from the internet, past the proxy: the header is the client's own.
    expect(clientIp(request("6.6.6.6", "198.51.100.9"), 1)).toBe("198.51.100.9");
  });

  it("refuses, before any work, a batch of more than 10 calls or one that hides sign-ups among other calls", async () => {
    const eleven = Array.from({ length: 11 }, () => "auth.me").join(",");
    const tooMany = await fetch(`${app.url}/trpc/${eleven}?batch=1&input={}`);
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(await tooMany.json())).toContain("A batch may hold at most 10 calls; this one holds 11.");

    const users = await app.db.user.count();
    const signUp = (n: number) => ({
      json: { email: `batch${n}@example.test`, displayName: `Batch ${n}` },
    });
    const hidden = await fetch(`${app.url}/trpc/auth.signUp,auth.signUp?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.url },
      body: JSON.stringify({ 0: signUp(1), 1: signUp(2) }),
    });
    expect(hidden.status).toBe(400);
    expect(JSON.stringify(await hidden.json())).toContain("Send sign-in and sign-up on their own, not in a batch.");
    expect(await app.db.user.count()).toBe(users);
  });

  it("sends no stack traces unless a developer asks, and a Secure cookie whenever the public address is https", async () => {
    const answerTo = async (overrides: Record<string, string>) => {
      const dev = await createTestApp({ NODE_ENV: "development", PUBLIC_URL: "https://quorum.example", ...overrides });
      const server = await dev.listen();
      try {
        const refused = replyError(await (await fetch(`${server.url}/trpc/apiToken.list`)).text());
        const user = await dev.given.user();
        const signedIn = await fetch(`${server.url}/trpc/auth.signIn`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: server.url },
          body: JSON.stringify({ json: { email: user.email, password: TEST_PASSWORD } }),
        });
        return { refused, cookie: signedIn.headers.get("set-cookie") ?? "" };
      } finally {
        await server.close();
        await dev.close();
      }
    };
    const quiet = await answerTo({});
    expect(quiet.refused.message).toBe("Sign in first.");
    expect(quiet.refused.data).not.toHaveProperty("stack");
    expect(quiet.cookie).toMatch(/; Secure/i);
    const debugging = await answerTo({ ERROR_STACKS: "true" });
    expect(debugging.refused.data.stack).toContain("at ");
  });
});
