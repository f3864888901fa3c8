// The job and the live streams, end to end: a started server runs its croner job,
// and subscribers over real HTTP (SSE) see what it did.
import { afterAll, describe, expect, it } from "vitest";
import { startJobs } from "../src/jobs/scheduler.ts";
import type { NotificationView } from "../src/notifications/store.ts";
import { createServedTestApp } from "./app.ts";
import { tokenClient } from "./http-client.ts";
import { until, waitFor } from "./processes.ts";

// Every second, so the test sees it fire without waiting a minute. No last calls: the
// cancellation is the one notice here (src/jobs/last-call.test.ts has them).
const app = await createServedTestApp({
  CANCEL_CRON: "* * * * * *",
  CANCEL_CUTOFF_MINUTES: "60",
  LAST_CALL_MINUTES: "0",
});
let jobs: ReturnType<typeof startJobs> | undefined;
afterAll(() => jobs?.stop());

async function clientFor(user: { id: string }) {
  const { token } = await app.as(await app.db.user.findUniqueOrThrow({ where: { id: user.id } })).apiToken.create({
    name: "live test",
  });
  return tokenClient(app.url, token);
}

describe("live", () => {
  it("the croner job fires in the running server; the player's subscription receives the cancellation", async () => {
    const { id } = await app.given.session({ startsInHours: 3, minPlayers: 3, reminderMinutes: [] });
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

describe("presence over HTTP", () => {
  const onlineIds = (snapshot: { members: { userId: string; online: boolean }[] }) =>
    snapshot.members
      .filter((m) => m.online)
      .map((m) => m.userId)
      .sort();

  it("two subscribers see a third player connect then disconnect, in order; a resumed stream catches up", async () => {
    const { id, host, players } = await app.given.activeSession(3);
    const [a, , c] = players;
    const seenByA: string[][] = [];
    const seenByHost: string[][] = [];
    const idsByA: string[] = [];
    const streamA = (await clientFor(a!)).presence.onChanged.subscribe(
      { sessionId: id },
      {
        onData: (e) => {
          idsByA.push(e.id);
          seenByA.push(onlineIds(e.data));
        },
      },
    );
    const streamHost = (await clientFor(host)).presence.onChanged.subscribe(
      { sessionId: id },
      { onData: (e) => seenByHost.push(onlineIds(e.data)) },
    );
    try {
      await waitFor(seenByA, () => true);
      await waitFor(seenByHost, () => true);
      const third = await clientFor(c!);
      await third.presence.connect.mutate({ sessionId: id });
      await third.presence.disconnect.mutate({ sessionId: id });
      for (const seen of [seenByA, seenByHost]) {
        await waitFor(seen, (s) => s.length === 0 && seen.length === 3);
        expect(seen).toEqual([[], [c!.id], []]); // snapshot, then both changes, in order
      }
      streamA.unsubscribe();

      // While a's stream is closed, c comes back; a resumes from its last event id.
      await third.presence.connect.mutate({ sessionId: id });
      const resumed: string[][] = [];
      const again = (await clientFor(a!)).presence.onChanged.subscribe(
        { sessionId: id, lastEventId: idsByA.at(-1) },
        { onData: (e) => resumed.push(onlineIds(e.data)) },
      );
      try {
        expect(await waitFor(resumed, () => true)).toEqual([c!.id]);
      } finally {
        again.unsubscribe();
      }
    } finally {
      streamA.unsubscribe();
      streamHost.unsubscribe();
    }
  });

  it("closing a player's last presence stream takes them off the table at once", async () => {
    const { id, host, players } = await app.given.activeSession(1);
    const player = await clientFor(players[0]!);
    await player.presence.connect.mutate({ sessionId: id });
    const tabs = [1, 2].map(() => player.presence.onChanged.subscribe({ sessionId: id }, { onData: () => {} }));
    const watched: string[][] = [];
    const gm = (await clientFor(host)).presence.onChanged.subscribe(
      { sessionId: id },
      { onData: (e) => watched.push(onlineIds(e.data)) },
    );
    try {
      await waitFor(watched, (s) => s.includes(players[0]!.id));
      await new Promise((resolve) => setTimeout(resolve, 200)); // both tabs open
      tabs[0]!.unsubscribe();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(onlineIds(await app.as(host).presence.list({ sessionId: id }))).toEqual([players[0]!.id]);
      tabs[1]!.unsubscribe();
      await waitFor(watched, (s) => s.length === 0);
    } finally {
      for (const tab of tabs) tab.unsubscribe();
      gm.unsubscribe();
    }
  });
});

describe("stream lifetimes", () => {
  const listening = (kind: string, key: string) =>
    app.services.events.watched().some(([k, watchedKey]) => k === kind && watchedKey === key);
  const untilGone = async (kind: string, key: string) => {
    await until(() => !listening(kind, key), `no listener on ${kind}:${key}`, 2_000, 20);
    return listening(kind, key);
  };

  it("a stream refused (no such session) or left by its client leaves no listener behind", async () => {
    const viewer = await clientFor(await app.given.user());
    const errors: string[] = [];
    const refused = viewer.session.onChanged.subscribe(
      { sessionId: "no-such-session" },
      { onError: (error) => errors.push(error.message) },
    );
    await waitFor(errors, () => true);
    refused.unsubscribe();
    expect(errors).toEqual(["No such session."]);
    expect(await untilGone("gameSession", "no-such-session")).toBe(false);

    const { id } = await app.given.session();
    const seen: number[] = [];
    const left = viewer.session.onChanged.subscribe({ sessionId: id }, { onData: (e) => seen.push(e.data.version) });
    await waitFor(seen, () => true);
    expect(listening("gameSession", id)).toBe(true);
    left.unsubscribe();
    expect(await untilGone("gameSession", id)).toBe(false);
  });
});

describe("an availability poll over HTTP", () => {
  it("everyone watching sees each answer as it is given, then the pick that closes the poll", async () => {
    const [gm, ana, bo] = await app.given.users(3);
    const dates = [4, 5].map((days) => new Date(Date.parse("2026-03-14T19:00:00Z") + days * 86_400_000));
    const poll = await app.as(gm!).poll.create({
      title: "Finding our first evening",
      options: dates,
      minPlayers: 1,
      maxPlayers: 4,
      timeZone: "Europe/Paris",
    });
    type Seen = { yes: number[]; ifNeedBe: number[]; closed: boolean; sessionId: string | null };
    const watch = (client: Awaited<ReturnType<typeof clientFor>>, seen: Seen[]) =>
      client.poll.onChanged.subscribe(
        { code: poll.code },
        {
          onData: ({ data }) =>
            seen.push({
              yes: data.options.map((o) => o.yes),
              ifNeedBe: data.options.map((o) => o.ifNeedBe),
              closed: data.closedAt !== null,
              sessionId: data.gameSessionId,
            }),
        },
      );
    const seenByGm: Seen[] = [];
    const seenByAna: Seen[] = [];
    const anaClient = await clientFor(ana!);
    const streams = [watch(await clientFor(gm!), seenByGm), watch(anaClient, seenByAna)];
    try {
      await waitFor(seenByGm, () => true);
      await waitFor(seenByAna, () => true);
      const { options } = await anaClient.poll.byCode.query({ code: poll.code });
      await anaClient.poll.answer.mutate({
        code: poll.code,
        answers: [
          { optionId: options[0]!.id, choice: "yes" },
          { optionId: options[1]!.id, choice: "no" },
        ],
      });
      await (await clientFor(bo!)).poll.answer.mutate({
        code: poll.code,
        answers: [{ optionId: options[0]!.id, choice: "if_need_be" }],
      });
      const picked = await app.as(gm!).poll.pick({ pollId: poll.id, optionId: options[0]!.id });
      for (const seen of [seenByGm, seenByAna]) {
        await waitFor(seen, (s) => s.closed);
        expect(seen).toEqual([
          { yes: [0, 0], ifNeedBe: [0, 0], closed: false, sessionId: null },
          { yes: [1, 0], ifNeedBe: [0, 0], closed: false, sessionId: null },
          { yes: [1, 0], ifNeedBe: [1, 0], closed: false, sessionId: null },
          { yes: [1, 0], ifNeedBe: [1, 0], closed: true, sessionId: picked.gameSessionId },
        ]);
      }
    } finally {
      for (const stream of streams) stream.unsubscribe();
    }
  });
});
