// The reminder, last-call and outgoing jobs in several real server processes on one
// PostgreSQL database, with a real SMTP server: each message reaches each person once,
// and a process killed while handing a message over never gets it sent twice.
// (PostgreSQL only: SQLite is the one-process setup.)
import type { ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./app.ts";
import { freePort, pause, printed, startTs, stop, until } from "./processes.ts";
import { testProvider } from "./setup/test-database.ts";
import { type SmtpServer, startSmtpServer } from "./smtp.ts";

const PROCESSES = 3;
const SESSIONS = 6;

describe.runIf(testProvider === "postgresql")("outgoing messages across server processes", () => {
  let app: TestApp;
  let smtp: SmtpServer;
  let servers: ChildProcess[] = [];

  const serve = async () => {
    const port = await freePort();
    const server = startTs("src/main.ts", {
      DATABASE_URL: app.config.DATABASE_URL,
      PORT: String(port),
      HOST: "127.0.0.1",
      SMTP_URL: smtp.url,
      OUTGOING_CRON: "* * * * * *",
      REMINDER_CRON: "* * * * * *",
      CANCEL_CUTOFF_MINUTES: "60",
    });
    servers.push(server);
    await printed(server, "listening");
    return server;
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await createTestApp({ CANCEL_CUTOFF_MINUTES: "60" }, { realClock: true });
  });

  afterEach(async () => {
    await Promise.all(servers.map(stop));
    servers = [];
    smtp.received.length = 0;
  });

  afterAll(async () => {
    await smtp.stop();
    await app.close();
  });

  it("each reminder and last call reaches each person exactly once", async () => {
    const people: string[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      // Short of players, three hours before the start: due for a last call. Its
      // 2-hour reminder came due while no server ran.
      const { id, host } = await app.given.session({ startsInHours: 3, minPlayers: 3, reminderMinutes: [120] });
      const players = await app.given.users(2);
      for (const player of players) await app.given.join(id, player);
      await app.db.sessionReminder.updateMany({
        where: { gameSessionId: id },
        data: { dueAt: new Date(Date.now() - 60_000), sentAt: null },
      });
      people.push(host.email, ...players.map((p) => p.email));
    }
    const expected = people.length * 2; // a last call and a reminder each
    await Promise.all(Array.from({ length: PROCESSES }, serve));
    await smtp.waitFor(expected, `${expected} emails`);
    await pause(3_000); // several more runs of every job in every process
    expect(smtp.received).toHaveLength(expected);
    const byPersonAndSubject = new Map<string, number>();
    for (const mail of smtp.received) {
      const key = `${mail.envelopeTo.join()} ${mail.subject}`;
      byPersonAndSubject.set(key, (byPersonAndSubject.get(key) ?? 0) + 1);
    }
    expect([...byPersonAndSubject.values()].every((count) => count === 1)).toBe(true);
    for (const email of people) {
      expect(smtp.to(email).map((m) => m.subject)).toEqual(
        expect.arrayContaining([
          '"The Sunless Citadel" needs 1 more player.',
          '"The Sunless Citadel" starts in 2 hours.',
        ]),
      );
    }
  }, 60_000);

  it("a process killed mid-send: its message is marked as possibly lost and never sent again", async () => {
    const { id, host } = await app.given.session({ minPlayers: 1, reminderMinutes: [] });
    const player = await app.given.user();
    await app.given.join(id, player);
    const release = smtp.holdMessages();
    const server = await serve();
    await app.as(host).session.cancel({ sessionId: id });
    const message = () =>
      app.db.outgoingMessage.findFirstOrThrow({ where: { gameSessionId: id, kind: "session_cancelled" } });
    await until(() => smtp.held === 1, "the message handed over whole", 20_000, 20);
    expect((await message()).status).toBe("sending");
    server.kill("SIGKILL");
    await new Promise((resolve) => server.once("exit", resolve));
    release();

    // Time passes (the claim is long stale); another process starts.
    await app.db.outgoingMessage.updateMany({
      where: { gameSessionId: id },
      data: { claimedAt: new Date(Date.now() - 10 * 60_000) },
    });
    await serve();
    await until(async () => (await message()).status === "failed", "the stale claim given up on", 10_000, 50);
    expect((await message()).lastError).toMatch(/may or may not have arrived/);
    await pause(2_000);
    // The server had the whole message when the process died, so it went out, once: the
    // killed process never heard so, and the process after it did not send it again.
    expect(smtp.to(player.email)).toHaveLength(1);
    expect((await message()).status).toBe("failed");
  }, 60_000);
});
