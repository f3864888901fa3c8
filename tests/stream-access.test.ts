// Live streams end when their caller's access does: sign-out (here or everywhere), a
// revoked or expired token, an auth session past its lifetime, removal from the
// session, a role taken away. Over real HTTP (SSE), with the caller told why.
import http from "node:http";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { forgetEndedCredentials } from "../src/auth/credentials.ts";
import type { AuthUser } from "../src/auth/lucia.ts";
import type { PresenceSnapshot } from "../src/presence/snapshot.ts";
import { createServedTestApp } from "./app.ts";
import { signedInBrowser as signedInTo, tokenClient } from "./http-client.ts";
import { pause, until } from "./processes.ts";
import { openStream } from "./streams.ts";

// Here streams re-check only hourly: what ends them within the test is the access event.
const app = await createServedTestApp({ STREAM_RECHECK_S: "3600" }, { realClock: true });
// Here every second, so an unannounced expiry ends a stream quickly.
const rechecking = await createServedTestApp({ STREAM_RECHECK_S: "1" }, { realClock: true });
const capped = await createServedTestApp({ STREAMS_PER_USER: "3", STREAMS_PER_IP: "5", MAX_CONNECTIONS: "12" });
const DAY = 86_400_000;

const signedInBrowser = (user: AuthUser, on = app) => signedInTo(on.url, user);

async function tokenFor(user: AuthUser, expiresInDays?: number, on = app) {
  return on.as(user).apiToken.create({ name: "stream test", expiresInDays });
}

describe("a live stream ends when its caller's access does", () => {
  it("signing out ends the streams of that auth session, and only those", async () => {
    const user = await app.given.user();
    const { id } = await app.given.session();
    const here = await signedInBrowser(user);
    const elsewhere = await signedInBrowser(user);
    const notifications = await openStream((h) => here.client.notification.onCreated.subscribe(undefined, h), 0);
    const seats = await openStream((h) => here.client.session.onChanged.subscribe({ sessionId: id }, h));
    const otherDevice = await openStream((h) => elsewhere.client.session.onChanged.subscribe({ sessionId: id }, h));
    try {
      await here.client.auth.signOut.mutate();
      for (const stream of [notifications, seats]) {
        const error = await stream.ended();
        expect(error.data?.code).toBe("UNAUTHORIZED");
        expect(error.message).toBe("You were signed out. Sign in again to keep watching.");
      }
      // The other device's auth session is untouched: its stream stays, and sees changes.
      await app.given.join(id, await app.given.user());
      await until(() => otherDevice.received.length >= 2, "the other device to see the seat taken", 5_000);
      expect(otherDevice.isOpen()).toBe(true);
    } finally {
      for (const stream of [notifications, seats, otherDevice]) stream.close();
    }
  });

  it("signing out everywhere ends every device's streams and auth sessions; API tokens stay", async () => {
    const user = await app.given.user();
    const phone = await signedInBrowser(user);
    const laptop = await signedInBrowser(user);
    const { token } = await tokenFor(user);
    const streams = [
      await openStream((h) => phone.client.notification.onCreated.subscribe(undefined, h), 0),
      await openStream((h) => laptop.client.notification.onCreated.subscribe(undefined, h), 0),
    ];
    try {
      await phone.client.auth.signOutEverywhere.mutate();
      for (const stream of streams) expect((await stream.ended()).data?.code).toBe("UNAUTHORIZED");
      expect(await phone.client.auth.me.query()).toBeNull();
      expect(await laptop.client.auth.me.query()).toBeNull();
      expect(await app.db.authSession.count({ where: { userId: user.id } })).toBe(0);
      expect(await tokenClient(app.url, token).auth.me.query()).toMatchObject({ id: user.id });
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it("revoking an API token ends its streams at once", async () => {
    const user = await app.given.user();
    const { id: tokenId, token } = await tokenFor(user);
    const stream = await openStream(
      (h) => tokenClient(app.url, token).notification.onCreated.subscribe(undefined, h),
      0,
    );
    try {
      await app.as(user).apiToken.revoke({ tokenId });
      expect((await stream.ended()).data?.code).toBe("UNAUTHORIZED");
    } finally {
      stream.close();
    }
  });

  it("a token or auth session that expires unannounced ends its streams at the next check", async () => {
    const user = await rechecking.given.user();
    const { id: tokenId, token } = await tokenFor(user, 30, rechecking);
    const browser = await signedInBrowser(user, rechecking);
    const { id } = await rechecking.given.session();
    const viaToken = await openStream((h) =>
      tokenClient(rechecking.url, token).session.onChanged.subscribe({ sessionId: id }, h),
    );
    const viaCookie = await openStream((h) => browser.client.session.onChanged.subscribe({ sessionId: id }, h));
    try {
      // Straight in the database: no event announces these, only the timer finds them.
      await rechecking.db.apiToken.update({ where: { id: tokenId }, data: { expiresAt: new Date(Date.now() - 1000) } });
      await rechecking.db.authSession.updateMany({
        where: { userId: user.id },
        data: { createdAt: new Date(Date.now() - 91 * DAY) }, // past the 90-day absolute lifetime
      });
      expect((await viaToken.ended()).data?.code).toBe("UNAUTHORIZED");
      expect((await viaCookie.ended()).data?.code).toBe("UNAUTHORIZED");
    } finally {
      viaToken.close();
      viaCookie.close();
    }
  });

  it("a player removed from a session stops seeing its table, and leaves it", async () => {
    const { id, host } = await app.given.session({ seats: 6, minPlayers: 1 });
    const player = await app.given.user();
    await app.given.join(id, player);
    const { token } = await tokenFor(player);
    const client = tokenClient(app.url, token);
    const table = await openStream((h) => client.presence.onChanged.subscribe({ sessionId: id }, h));
    const notifications = await openStream((h) => client.notification.onCreated.subscribe(undefined, h), 0);
    try {
      await app.as(host).presence.connect({ sessionId: id }); // players sit once the GM is there
      await client.presence.connect.mutate({ sessionId: id });
      await until(
        async () =>
          (await app.as(host).presence.list({ sessionId: id })).members.some((m) => m.userId === player.id && m.online),
        "the player to be at the table",
        5_000,
      );
      await app.as(host).participant.remove({ sessionId: id, userId: player.id });
      const error = await table.ended();
      expect(error.data?.code).toBe("FORBIDDEN");
      expect(error.message).toBe("Only the session's participants and GM see who is at the table.");
      const { members } = await app.as(host).presence.list({ sessionId: id });
      expect(members.filter((m) => m.online).map((m) => m.userId)).not.toContain(player.id);
      // Being removed from one session is no reason to stop their inbox.
      await until(() => notifications.received.length >= 1, "the removal notice", 5_000);
      expect(notifications.isOpen()).toBe(true);
    } finally {
      table.close();
      notifications.close();
    }
  });

  it("an admin who is no longer one stops watching a table they only saw as admin", async () => {
    const { id } = await app.given.session();
    const admin = await app.given.user({ role: "admin" });
    const owner = await app.given.user({ role: "admin" });
    const { token } = await tokenFor(admin);
    const table = await openStream((h) =>
      tokenClient(app.url, token).presence.onChanged.subscribe({ sessionId: id }, h),
    );
    try {
      await app.as(owner).user.setRole({ userId: admin.id, role: "user" });
      expect((await table.ended()).data?.code).toBe("FORBIDDEN");
    } finally {
      table.close();
    }
  });
});

describe("credential lifetimes", () => {
  it("an auth session ends at its absolute lifetime however recently it was used", async () => {
    const user = await app.given.user();
    const browser = await signedInBrowser(user);
    expect(await browser.client.auth.me.query()).toMatchObject({ id: user.id });
    await app.db.authSession.updateMany({
      where: { userId: user.id },
      data: { createdAt: new Date(Date.now() - 91 * DAY) },
    });
    expect(await browser.client.auth.me.query()).toBeNull();
    expect(await app.db.authSession.count({ where: { userId: user.id } })).toBe(0);
  });

  it("an API token may expire: the list shows when, and after it the token is refused and forgotten", async () => {
    const user = await app.given.user();
    const before = Date.now();
    const created = await tokenFor(user, 7);
    const [listed] = await app.as(user).apiToken.list();
    expect(listed!.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 7 * DAY - 60_000);
    expect(listed!.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 7 * DAY + 60_000);
    const script = tokenClient(app.url, created.token);
    expect(await script.auth.me.query()).toMatchObject({ id: user.id });

    await app.db.apiToken.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(script.auth.me.query()).rejects.toMatchObject({ data: { code: "UNAUTHORIZED" } });
    await forgetEndedCredentials(app.db, app.config, new Date());
    expect(await app.db.apiToken.findUnique({ where: { id: created.id } })).toBeNull();
  });

  it("refuses an expiry that is not a whole number of days from 1 to 365, and creates nothing", async () => {
    const user = await app.given.user();
    const browser = await signedInBrowser(user);
    for (const expiresInDays of [0, 366, 1.5]) {
      await expect(browser.client.apiToken.create.mutate({ name: "bad", expiresInDays })).rejects.toThrow(
        "Expires in: enter a whole number of days from 1 to 365.",
      );
    }
    expect(await app.db.apiToken.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("stream limits", () => {
  it("caps the streams one user, and one address, holds open; a closed one frees its place", async () => {
    const app = capped;
    const { id } = await app.given.session();
    const [ada, bob] = await app.given.users(2);
    const clients = await Promise.all(
      [ada!, bob!].map(async (user) =>
        tokenClient(app.url, (await app.as(user).apiToken.create({ name: "streams" })).token),
      ),
    );
    const watch = (client: (typeof clients)[number]) =>
      openStream((h) => client.session.onChanged.subscribe({ sessionId: id }, h));
    const adaStreams = [await watch(clients[0]!), await watch(clients[0]!), await watch(clients[0]!)];
    const refused = (handlers: Parameters<Parameters<typeof openStream>[0]>[0]) =>
      clients[0]!.session.onChanged.subscribe({ sessionId: id }, handlers);
    const fourth = await openStream(refused, 0);
    const error = await fourth.ended();
    expect(error.data?.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toBe("You have 3 live views open already. Close some tabs, then reload this one.");

    // Bob, from the same address: two more reach the address's cap of 5.
    const bobStreams = [await watch(clients[1]!), await watch(clients[1]!)];
    const third = await openStream((h) => clients[1]!.session.onChanged.subscribe({ sessionId: id }, h), 0);
    expect((await third.ended()).message).toBe(
      "Too many live views are open from your network. Close some tabs, then reload this one.",
    );

    adaStreams[0]!.close();
    await until(() => app.services.streamLimits.openFor(ada!.id) === 2, "the closed stream to be let go", 5_000);
    const again = await watch(clients[0]!);
    expect(again.isOpen()).toBe(true);
    for (const stream of [...adaStreams, ...bobStreams, again, fourth, third]) stream.close();
  });

  it("closes connections past MAX_CONNECTIONS at once, and answers again once they go", async () => {
    const app = capped;
    const port = Number(new URL(app.url).port);
    const held = await Promise.all(
      Array.from(
        { length: 12 },
        () =>
          new Promise<net.Socket>((resolve, reject) => {
            const socket = net.connect(port, "127.0.0.1", () => resolve(socket));
            socket.once("error", reject);
          }),
      ),
    );
    // A new connection (not one kept alive from earlier calls) is the 13th.
    const onNewConnection = () =>
      new Promise<number>((resolve, reject) =>
        http
          .get(`${app.url}/healthz`, { agent: false }, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          })
          .once("error", reject),
      );
    try {
      await expect(onNewConnection()).rejects.toThrow(/socket hang up|ECONNRESET/);
    } finally {
      for (const socket of held) socket.destroy();
    }
    const answers = () =>
      fetch(`${app.url}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
    await until(answers, "the server to answer again", 5_000);
  });

  it("a subscriber that stops reading is sent only the newest snapshot when it reads again", async () => {
    const app = capped;
    const { id, host } = await app.given.session();
    const { token } = await app.as(host).apiToken.create({ name: "slow reader" });
    const input = encodeURIComponent(JSON.stringify({ json: { sessionId: id } }));
    const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .get(
          `${app.url}/trpc/presence.onChanged?input=${input}`,
          { headers: { authorization: `Bearer ${token}` } },
          resolve,
        )
        .once("error", reject),
    );
    response.pause(); // the client stops reading
    // 5,000 snapshots of about 6 KB each: 30 MB, were they all kept for this one reader.
    const padding = "x".repeat(6_000);
    const members = [{ userId: host.id, displayName: padding }] as unknown as PresenceSnapshot["members"];
    for (let version = 1_000; version < 6_000; version++) {
      app.services.events.publish("presence", id, { sessionId: id, version, members });
      if (version % 500 === 0) await pause(10); // let the stream write what the socket takes
    }
    let body = "";
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => {
      body += chunk;
    });
    response.resume();
    await until(() => body.includes("id: 5999\n"), "the newest snapshot", 10_000);
    response.destroy();
    const frames = body.split("\n\n").filter((frame) => frame.startsWith("id: "));
    // What the socket's buffers held when it stopped, then the newest: never all 5,000.
    expect(frames.length).toBeLessThan(2_500);
    expect(frames.at(-1)).toMatch(/^id: 5999\n/);
  });
});
