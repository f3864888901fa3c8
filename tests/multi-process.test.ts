// Three real server processes on one PostgreSQL database: live events cross between
// them, seats are never oversold, every job acts once, and a player's tabs count
// wherever they are served. (PostgreSQL only: SQLite is the one-process setup.)
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../src/auth/api-tokens.ts";
import type { AuthUser } from "../src/auth/lucia.ts";
import { createTestApp, type TestApp } from "./app.ts";
import { tokenClient } from "./http-client.ts";
import { freePort, pause, printed, startTs, stop, until, waitFor } from "./processes.ts";
import { testProvider } from "./setup/test-database.ts";
import { openStream } from "./streams.ts";

const PROCESSES = 3;
const UNDER_FILLED_SESSIONS = 12;
/** Weekly series booked 8 weeks ahead; the processes' series job takes them to 20. */
const WEEKLY_SERIES = 6;
const HORIZON_DAYS = 140;

describe.runIf(testProvider === "postgresql")("several server processes on one PostgreSQL database", () => {
  let app: TestApp;
  let servers: ChildProcess[] = [];
  let urls: string[] = [];
  const dueSessions: string[] = [];
  const seriesIds: string[] = [];

  const clientOn = async (server: number, user: AuthUser) =>
    tokenClient(urls[server]!, (await createApiToken(app.db, user.id, "multi-process test")).token);

  beforeAll(async () => {
    app = await createTestApp({ CANCEL_CUTOFF_MINUTES: "60" }, { realClock: true });
    // Under-filled sessions already past their deadline: every process sweeps at start.
    for (let i = 0; i < UNDER_FILLED_SESSIONS; i++) {
      const { id } = await app.given.session({ startsInHours: 0.5, minPlayers: 3 });
      await app.given.join(id, await app.given.user());
      dueSessions.push(id);
    }
    for (let i = 0; i < WEEKLY_SERIES; i++) {
      const gm = await app.given.user();
      const { seriesId } = await app.as(gm).series.create({
        title: `Weekly ${i}`,
        startsAt: new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + (i + 1) * 86_400_000),
        minPlayers: 1,
        repeat: { frequency: "weekly" },
        timeZone: "Europe/Paris",
      });
      seriesIds.push(seriesId);
    }
    const ports = await Promise.all(Array.from({ length: PROCESSES }, () => freePort()));
    urls = ports.map((port) => `http://127.0.0.1:${port}`);
    servers = ports.map((port) =>
      startTs("src/main.ts", {
        DATABASE_URL: app.config.DATABASE_URL,
        PORT: String(port),
        HOST: "127.0.0.1",
        CANCEL_CRON: "* * * * * *",
        CANCEL_CUTOFF_MINUTES: "60",
        SERIES_CRON: "* * * * * *",
        SERIES_HORIZON_DAYS: String(HORIZON_DAYS),
      }),
    );
    await Promise.all(servers.map((server) => printed(server, "listening")));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map(stop));
    await app.close();
  });

  it("the sweeps of all processes cancel each due session once and notify each person once", async () => {
    const cancelled = async () => app.db.gameSession.count({ where: { id: { in: dueSessions }, status: "cancelled" } });
    await until(async () => (await cancelled()) >= UNDER_FILLED_SESSIONS, "every due session cancelled", 10_000, 100);
    expect(await cancelled()).toBe(UNDER_FILLED_SESSIONS);
    // Several more sweeps in every process: nothing more happens.
    await pause(2_500);
    const perPerson = await app.db.notification.groupBy({
      by: ["gameSessionId", "userId"],
      where: { gameSessionId: { in: dueSessions }, type: "session_cancelled" },
      _count: true,
    });
    expect(perPerson).toHaveLength(UNDER_FILLED_SESSIONS * 2); // the GM and one player each
    expect(perPerson.every((row) => row._count === 1)).toBe(true);
  });

  it("the series job of all processes books each weekly date once, up to the horizon", async () => {
    const booked = () =>
      app.db.gameSession.groupBy({ by: ["seriesId"], where: { seriesId: { in: seriesIds } }, _count: true });
    await until(
      async () => (await booked()).every((row) => row._count === HORIZON_DAYS / 7),
      "every series booked to the new horizon",
      10_000,
      100,
    );
    await pause(2_500); // several more runs in every process: nothing more happens
    expect((await booked()).map((row) => row._count)).toEqual(Array(WEEKLY_SERIES).fill(HORIZON_DAYS / 7));
    const dates = await app.db.gameSession.findMany({
      where: { seriesId: { in: seriesIds } },
      select: { seriesId: true, startsAt: true },
    });
    expect(new Set(dates.map((d) => `${d.seriesId} ${d.startsAt.toISOString()}`)).size).toBe(dates.length);
  });

  it("a viewer on one process sees, in order, the seats taken through the others", async () => {
    const { id } = await app.given.session({ seats: 4, minPlayers: 1 });
    const viewer = await clientOn(0, await app.given.user());
    const seen: [number, number][] = [];
    const stream = viewer.session.onChanged.subscribe(
      { sessionId: id },
      { onData: (event) => seen.push([event.data.playerCount, event.data.waitlistCount]) },
    );
    try {
      await waitFor(seen, () => true);
      const players = await app.given.users(5);
      for (const [i, player] of players.entries()) {
        await (await clientOn(1 + (i % 2), player)).participant.join.mutate({ sessionId: id });
      }
      await waitFor(seen, ([, waitlisted]) => waitlisted === 1);
      expect(seen).toEqual([
        [0, 0],
        [1, 0],
        [2, 0],
        [3, 0],
        [4, 0],
        [4, 1],
      ]);
    } finally {
      stream.unsubscribe();
    }
  });

  it("notifications and presence reach a viewer on another process", async () => {
    const { id, host, players } = await app.given.activeSession(1);
    const player = players[0]!;
    const onA = await clientOn(0, player);
    const notified: string[] = [];
    const table: string[][] = [];
    const notifications = onA.notification.onCreated.subscribe(undefined, {
      onData: (event) => notified.push(event.data.type),
    });
    const presence = (await clientOn(0, host)).presence.onChanged.subscribe(
      { sessionId: id },
      { onData: (event) => table.push(event.data.members.filter((m) => m.online).map((m) => m.userId)) },
    );
    try {
      await waitFor(table, () => true);
      await pause(200); // the notification stream is open too
      await (await clientOn(1, player)).presence.connect.mutate({ sessionId: id });
      await waitFor(table, (online) => online.includes(player.id));
      await (await clientOn(2, host)).session.cancel.mutate({ sessionId: id, reason: "The GM is ill." });
      await waitFor(notified, (type) => type === "session_cancelled");
      await waitFor(table, (online) => online.length === 0);
    } finally {
      notifications.unsubscribe();
      presence.unsubscribe();
    }
  });

  it("200 players racing for 6 seats through three processes: exactly 6 seated, the rest waitlisted once each", async () => {
    const { id } = await app.given.session({ seats: 6, minPlayers: 1 });
    const racers = await app.given.users(200);
    const clients = await Promise.all(racers.map((racer, i) => clientOn(i % PROCESSES, racer)));
    const results = await Promise.all(clients.map((client) => client.participant.join.mutate({ sessionId: id })));
    expect(results.filter((r) => r.status === "joined")).toHaveLength(6);
    const positions = results.flatMap((r) => (r.waitlistPosition === null ? [] : [r.waitlistPosition]));
    expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: 194 }, (_, i) => i + 1));
    const rows = await app.db.participant.groupBy({
      by: ["status"],
      where: { gameSessionId: id, role: "player" },
      _count: true,
    });
    expect(Object.fromEntries(rows.map((r) => [r.status, r._count]))).toEqual({ joined: 6, waitlisted: 194 });
    expect((await app.db.gameSession.findUniqueOrThrow({ where: { id } })).playerCount).toBe(6);
  });

  it("a player with tabs on two processes stays at the table when one closes, and leaves when both do", async () => {
    const { id, host, players } = await app.given.activeSession(1);
    const player = players[0]!;
    await (await clientOn(0, player)).presence.connect.mutate({ sessionId: id });
    const tabs = await Promise.all(
      [0, 1].map(async (server) =>
        (await clientOn(server, player)).presence.onChanged.subscribe({ sessionId: id }, { onData: () => {} }),
      ),
    );
    const isOnline = async () =>
      (await app.as(host).presence.list({ sessionId: id })).members.some((m) => m.userId === player.id && m.online);
    try {
      const openTabs = () => app.db.presenceStream.count({ where: { gameSessionId: id } });
      await until(async () => (await openTabs()) === 2, "the two tabs to open", 5_000, 50);
      tabs[0]!.unsubscribe();
      await until(async () => (await openTabs()) === 1, "the first tab to close", 5_000, 50);
      await pause(300);
      expect(await isOnline()).toBe(true);
      tabs[1]!.unsubscribe();
      await until(async () => !(await isOnline()), "the player to leave the table", 5_000, 50);
      expect(await isOnline()).toBe(false);
    } finally {
      for (const tab of tabs) tab.unsubscribe();
    }
  });

  it("a poll's watcher on one process sees the answers given through the others, then the pick", async () => {
    const [gm, ...voters] = await app.given.users(4);
    const soon = (days: number) => new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + days * 86_400_000);
    const poll = await (await clientOn(0, gm!)).poll.create.mutate({
      title: "Which evening?",
      options: [soon(7), soon(8)],
      minPlayers: 1,
      maxPlayers: 2,
      timeZone: "America/New_York",
    });
    const yesCounts: number[][] = [];
    const watcher = (await clientOn(0, gm!)).poll.onChanged.subscribe(
      { code: poll.code },
      { onData: ({ data }) => yesCounts.push(data.gameSessionId ? [-1] : data.options.map((o) => o.yes)) },
    );
    try {
      await waitFor(yesCounts, () => true);
      const { options } = await app.as(gm!).poll.byCode({ code: poll.code });
      for (const [i, voter] of voters.entries()) {
        await (await clientOn(1 + (i % 2), voter)).poll.answer.mutate({
          code: poll.code,
          answers: [{ optionId: options[1]!.id, choice: "yes" }],
        });
      }
      await waitFor(yesCounts, ([, second]) => second === 3);
      const { gameSessionId } = await (await clientOn(2, gm!)).poll.pick.mutate({
        pollId: poll.id,
        optionId: options[1]!.id,
      });
      await waitFor(yesCounts, ([first]) => first === -1);
      expect(yesCounts).toEqual([[0, 0], [0, 1], [0, 2], [0, 3], [-1]]);
      const seats = await app.db.participant.groupBy({
        by: ["status"],
        where: { gameSessionId, role: "player" },
        _count: true,
      });
      expect(Object.fromEntries(seats.map((r) => [r.status, r._count]))).toEqual({ joined: 2, waitlisted: 1 });
    } finally {
      watcher.unsubscribe();
    }
  });

  it("a removal or a revoked token ends the streams it concerns on the other processes", async () => {
    const { id, host } = await app.given.session({ seats: 6, minPlayers: 1 });
    const player = await app.given.user();
    await app.given.join(id, player);
    const { id: tokenId, token } = await createApiToken(app.db, player.id, "watching");
    const table = await openStream((h) =>
      tokenClient(urls[0]!, token).presence.onChanged.subscribe({ sessionId: id }, h),
    );
    const inbox = await openStream(
      (h) => tokenClient(urls[1]!, token).notification.onCreated.subscribe(undefined, h),
      0,
    );
    try {
      await (await clientOn(2, host)).participant.remove.mutate({ sessionId: id, userId: player.id });
      expect((await table.ended()).data?.code).toBe("FORBIDDEN");
      expect(inbox.isOpen()).toBe(true);
      await (await clientOn(2, player)).apiToken.revoke.mutate({ tokenId });
      expect((await inbox.ended()).data?.code).toBe("UNAUTHORIZED");
    } finally {
      table.close();
      inbox.close();
    }
  });
});
