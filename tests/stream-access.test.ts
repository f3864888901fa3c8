// Live streams end when their caller's access does: sign-out (here or everywhere), a
// revoked or expired token, an auth session past its lifetime, removal from the
// session, a role taken away. Over real HTTP (SSE), with the caller told why.
import { describe, expect, it } from "vitest";
import { forgetEndedCredentials } from "../src/auth/credentials.ts";
import type { AuthUser } from "../src/auth/lucia.ts";
import { createServedTestApp, TEST_PASSWORD } from "./app.ts";
import { browserClient, tokenClient } from "./http-client.ts";
import { until } from "./processes.ts";
import { openStream } from "./streams.ts";

// Here streams re-check only hourly: what ends them within the test is the access event.
const app = await createServedTestApp({ STREAM_RECHECK_S: "3600" }, { realClock: true });
// Here every second, so an unannounced expiry ends a stream quickly.
const rechecking = await createServedTestApp({ STREAM_RECHECK_S: "1" }, { realClock: true });
const DAY = 86_400_000;

async function signedInBrowser(user: AuthUser, on = app) {
  const browser = browserClient(on.url);
  await browser.client.auth.signIn.mutate({ email: user.email, password: TEST_PASSWORD });
  return browser;
}

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
    expect(await script.auth.me.query()).toBeNull();
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
