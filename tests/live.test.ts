// The job and the live streams, end to end: a started server runs its croner job,
// and subscribers over real HTTP (SSE) see what it did.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startJobs } from "../src/jobs/scheduler.ts";
import type { NotificationView } from "../src/notifications/store.ts";
import { createTestApp } from "./app.ts";
import { tokenClient } from "./http-client.ts";

// Every second, so the test sees it fire without waiting a minute.
const app = createTestApp({ CANCEL_CRON: "* * * * * *", CANCEL_CUTOFF_MINUTES: "60" });
let server: Awaited<ReturnType<typeof app.listen>>;
let jobs: ReturnType<typeof startJobs>;
beforeAll(async () => {
  server = await app.listen();
});
afterAll(async () => {
  jobs?.stop();
  await server.close();
  await app.close();
});

/** Resolves with the first value `predicate` accepts, or fails after `ms`. */
function waitFor<T>(values: T[], predicate: (value: T) => boolean, ms = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = setInterval(() => {
      const found = values.find(predicate);
      if (found !== undefined) {
        clearInterval(check);
        resolve(found);
      } else if (Date.now() - started > ms) {
        clearInterval(check);
        reject(new Error(`nothing matched within ${ms} ms; got ${JSON.stringify(values)}`));
      }
    }, 20);
  });
}

async function clientFor(user: { id: string }) {
  const { token } = await app.as(await app.db.user.findUniqueOrThrow({ where: { id: user.id } })).apiToken.create({
    name: "live test",
  });
  return tokenClient(server.url, token);
}

describe("live", () => {
  it("the croner job fires in the running server; the player's subscription receives the cancellation", async () => {
    const { id } = await app.given.session({ startsInHours: 3, minPlayers: 3 });
    const player = await app.given.user();
    await app.given.join(id, player);
    const client = await clientFor(player);

    const notifications: NotificationView[] = [];
    const statuses: string[] = [];
    const notificationStream = client.notification.onCreated.subscribe(undefined, {
      onData: (event) => notifications.push(event.data),
    });
    const sessionStream = client.session.onChanged.subscribe(
      { sessionId: id },
      { onData: (event) => statuses.push(event.data.status) },
    );
    try {
      await waitFor(statuses, (s) => s === "scheduled"); // the first message is the current state
      jobs = startJobs(app.services);
      // The job runs every second but the session is not due yet: it stays.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await client.session.byId.query({ sessionId: id })).status).toBe("scheduled");

      app.advance(2 * 3_600_000 + 1); // past the deadline (start - 60 min)
      const cancelled = await waitFor(notifications, (n) => n.type === "session_cancelled");
      expect(cancelled).toMatchObject({ gameSessionId: id, userId: player.id, readAt: null });
      expect(cancelled.createdAt).toBeInstanceOf(Date);
      await waitFor(statuses, (s) => s === "cancelled");
      expect(await client.session.byId.query({ sessionId: id })).toMatchObject({
        status: "cancelled",
        cancelReason: "under_filled",
      });
      expect(await client.notification.unreadCount.query()).toBe(1);
    } finally {
      notificationStream.unsubscribe();
      sessionStream.unsubscribe();
    }
  });

  it("a session's viewers see seats change as players join and leave", async () => {
    const { id } = await app.given.session({ seats: 2, minPlayers: 1 });
    const [a, b] = await app.given.users(2);
    const viewer = await clientFor(a!);
    const seen: Array<[number, number]> = [];
    const stream = viewer.session.onChanged.subscribe(
      { sessionId: id },
      { onData: (event) => seen.push([event.data.playerCount, event.data.waitlistCount]) },
    );
    try {
      await waitFor(seen, ([players]) => players === 0);
      await viewer.participant.join.mutate({ sessionId: id });
      await (await clientFor(b!)).participant.join.mutate({ sessionId: id });
      await waitFor(seen, ([players]) => players === 2);
      await viewer.participant.leave.mutate({ sessionId: id });
      await waitFor(seen, ([players]) => players === 1);
      expect(seen).toEqual([
        [0, 0],
        [1, 0],
        [2, 0],
        [1, 0],
      ]);
    } finally {
      stream.unsubscribe();
    }
  });

  it("a notification stream that reconnects with its last event id gets what it missed", async () => {
    const player = await app.given.user();
    const client = await clientFor(player);
    const first = await app.given.session({ seats: 1, minPlayers: 1 });
    const second = await app.given.session({ seats: 1, minPlayers: 1 });
    for (const s of [first, second]) {
      await app.given.join(s.id, await app.given.user());
      await app.given.join(s.id, player); // waitlisted
    }
    const received: string[] = [];
    const live = client.notification.onCreated.subscribe(undefined, { onData: (e) => received.push(e.id) });
    // Give the stream a moment to open, then promote the player in the first session.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await app.as(first.host).session.update({ sessionId: first.id, maxPlayers: 2 });
    const firstId = await waitFor(received, () => true);
    live.unsubscribe();

    // While disconnected, the second session promotes them too.
    await app.as(second.host).session.update({ sessionId: second.id, maxPlayers: 2 });
    const resumed: NotificationView[] = [];
    const again = client.notification.onCreated.subscribe(
      { lastEventId: firstId },
      { onData: (e) => resumed.push(e.data) },
    );
    try {
      const missed = await waitFor(resumed, () => true);
      expect(missed).toMatchObject({ type: "waitlist_promoted", gameSessionId: second.id, userId: player.id });
    } finally {
      again.unsubscribe();
    }
  });
});
