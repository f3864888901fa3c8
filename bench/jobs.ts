// The jobs that run every minute, as the database grows: the under-fill sweep, last
// calls and reminders must read only what is due, so their time stays flat. And the
// outgoing job's throughput to a local SMTP server.
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { SMTPServer } from "smtp-server";
import { loadConfig } from "../src/config.ts";
import { createDb } from "../src/db/client.ts";
import { sqliteDateText } from "../src/db/reads.ts";
import { sendLastCalls } from "../src/jobs/last-call.ts";
import { sendDueReminders } from "../src/jobs/reminders.ts";
import { cancelUnderFilledSessions } from "../src/jobs/under-fill.ts";
import { queueEmails } from "../src/outgoing/queue.ts";
import { sendOutgoing } from "../src/outgoing/sender.ts";
import { createServices } from "../src/services.ts";
import { fillSessions, freshDatabase } from "./fixtures.ts";

export type JobsResult = {
  sessions: number;
  due: number;
  cancelled: number;
  lastCalls: number;
  reminders: number;
  /** Median and worst of the rounds, all three jobs together. */
  runMsMedian: number;
  runMsMax: number;
};

const ROUNDS = 5;
const MINUTE = 60_000;

/**
 * Every scheduled session gets its two reminders and counts as already last-called;
 * then `due` other sessions each have a reminder due now and a last call due (12 hours
 * before the start, short of players).
 */
export function addRemindersAndLastCalls(file: string, due: number, now: Date) {
  const db = new Database(file);
  // Done a day ago: a round puts back only what the jobs did at `now`.
  const stamp = sqliteDateText(new Date(now.getTime() - 24 * 60 * MINUTE));
  db.transaction(() => {
    for (const minutes of [1440, 60]) {
      db.prepare(
        `INSERT INTO "SessionReminder" ("gameSessionId", "minutesBefore", "dueAt", "sentAt")
         SELECT id, ?, strftime('%Y-%m-%dT%H:%M:%f', "startsAt", ?) || '+00:00', ?
         FROM "GameSession" WHERE status = 'scheduled'`,
      ).run(minutes, `-${minutes} minutes`, stamp);
    }
    db.prepare(`UPDATE "GameSession" SET "lastCallAt" = ? WHERE status = 'scheduled'`).run(stamp);
    db.prepare(`UPDATE "User" SET "emailVerifiedAt" = ?`).run(stamp);
    const chosen = db
      .prepare(`SELECT id FROM "GameSession" WHERE status = 'scheduled' AND "startsAt" > ? LIMIT ?`)
      .all(sqliteDateText(new Date(now.getTime() + 3 * 60 * MINUTE)), due) as { id: string }[];
    const lastCall = db.prepare(
      `UPDATE "GameSession" SET "startsAt" = ?, "minPlayers" = 3, "playerCount" = 1, "lastCallAt" = NULL WHERE id = ?`,
    );
    const reminder = db.prepare(
      `UPDATE "SessionReminder" SET "dueAt" = ?, "sentAt" = NULL WHERE "gameSessionId" = ? AND "minutesBefore" = 1440`,
    );
    const startsAt = sqliteDateText(new Date(now.getTime() + 12 * 60 * MINUTE));
    const dueAt = sqliteDateText(new Date(now.getTime() - MINUTE));
    for (const { id } of chosen) {
      lastCall.run(startsAt, id);
      reminder.run(dueAt, id);
    }
  })();
  db.close();
  return due;
}

export async function benchJobs(sizes: number[], due = 1_000): Promise<JobsResult[]> {
  const results: JobsResult[] = [];
  const now = new Date("2026-06-01T18:00:00Z");
  for (const sessions of sizes) {
    const { url, file, dispose } = freshDatabase(`jobs-${sessions}`);
    try {
      fillSessions(file, { sessions, due, now });
      addRemindersAndLastCalls(file, due, now);
      const config = loadConfig({ DATABASE_URL: url, CANCEL_CUTOFF_MINUTES: "60", MAIL_DIR: `${file}.mail` });
      const db = createDb(url);
      const services = createServices(db, config, { now: () => now });
      await db.$queryRaw`SELECT 1`;
      const underFilled = Array.from({ length: due }, (_, i) => `s${i}`);
      const times: number[] = [];
      let last = { cancelled: 0, lastCalls: 0, reminders: 0 };
      for (let round = 0; round <= ROUNDS; round++) {
        // Put back what the previous round did.
        await db.gameSession.updateMany({
          where: { id: { in: underFilled } },
          data: { status: "scheduled", cancelledAt: null, cancelReason: null },
        });
        await db.gameSession.updateMany({ where: { lastCallAt: now }, data: { lastCallAt: null } });
        await db.sessionReminder.updateMany({ where: { sentAt: now, dueAt: { lt: now } }, data: { sentAt: null } });
        await db.notification.deleteMany({});
        await db.outgoingMessage.deleteMany({});
        const started = performance.now();
        const { cancelled } = await cancelUnderFilledSessions(services, now);
        const { called } = await sendLastCalls(services, now);
        const { reminded } = await sendDueReminders(services, now);
        // Round 0 warms up the process (JIT, statement cache) and is not counted.
        if (round > 0) times.push(performance.now() - started);
        last = { cancelled, lastCalls: called, reminders: reminded };
      }
      services.mailer.close();
      await db.$disconnect();
      times.sort((a, b) => a - b);
      results.push({
        sessions,
        due,
        ...last,
        runMsMedian: Math.round(times[Math.floor(times.length / 2)] ?? 0),
        runMsMax: Math.round(times.at(-1) ?? 0),
      });
    } finally {
      dispose();
    }
  }
  return results;
}

export type OutgoingResult = { messages: number; seconds: number; messagesPerSecond: number };

/** Emails queued at once, sent by the outgoing job through a pool of SMTP connections. */
export async function benchOutgoing(messages = 2_000): Promise<OutgoingResult> {
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 100,
    onData(stream, _session, callback) {
      stream.on("end", () => callback());
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const { port } = smtp.server.address() as AddressInfo;
  const { url, file, dispose } = freshDatabase("outgoing");
  try {
    const now = new Date("2026-06-01T18:00:00Z");
    fillSessions(file, { sessions: 100, due: 0, now, hosts: 100 });
    const config = loadConfig({ DATABASE_URL: url, SMTP_URL: `smtp://127.0.0.1:${port}` });
    const db = createDb(url);
    const services = createServices(db, config, { now: () => now });
    const hosts = await db.user.findMany({ select: { id: true, email: true } });
    await db.$transaction((tx) =>
      queueEmails(
        tx,
        Array.from({ length: messages }, (_, i) => {
          const host = hosts[i % hosts.length] ?? { id: "", email: "" };
          return {
            kind: "session_cancelled",
            to: host.email,
            userId: host.id,
            gameSessionId: `s${i % 100}`,
            subject: `"Session ${i % 100}" was cancelled.`,
            content: { kind: "notification" as const, title: `"Session ${i % 100}" was cancelled.`, body: "" },
          };
        }),
        now,
      ),
    );
    const started = performance.now();
    let sent = 0;
    while (sent < messages) {
      const report = await sendOutgoing(services, now);
      if (report.sent === 0) throw new Error(`the outgoing bench stalled: ${JSON.stringify(report)}`);
      sent += report.sent;
    }
    const seconds = (performance.now() - started) / 1000;
    services.mailer.close();
    await db.$disconnect();
    return { messages, seconds: Math.round(seconds * 100) / 100, messagesPerSecond: Math.round(messages / seconds) };
  } finally {
    dispose();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }
}
