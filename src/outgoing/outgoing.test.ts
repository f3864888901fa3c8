import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createServedTestApp, HOUR } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import { until } from "../../tests/processes.ts";
import { type Received, startSmtpServer } from "../../tests/smtp.ts";
import { CLAIM_TIMEOUT_MS, forgetOldMessages, MAX_ATTEMPTS, sendOutgoing } from "./sender.ts";

const smtp = await startSmtpServer();
const app = await createServedTestApp({ SMTP_URL: smtp.url, MAIL_FROM: "Quorum <games@quorum.test>" });
afterAll(() => smtp.stop());
beforeEach(async () => {
  smtp.received.length = 0;
  smtp.refuse(null);
  await app.db.outgoingMessage.deleteMany();
});

/** A header as it was sent (mailparser turns List-* headers into objects). */
const header = (mail: Received | undefined, name: string) =>
  mail?.headerLines
    .find((h) => h.key === name)
    ?.line.slice(name.length + 1)
    .trim();

const send = () => sendOutgoing(app.services, app.clock.now);
const queued = (status: "pending" | "sending" | "sent" | "failed" | "skipped") =>
  app.db.outgoingMessage.findMany({ where: { status }, orderBy: { createdAt: "asc" } });

/** A session at a venue with an online link, its GM, and a player in each zone given. */
async function sessionWithPlayers(...timeZones: string[]) {
  const gm = await app.given.user({ name: "Gina" });
  const venue = await app.as(gm).venue.create({
    name: "The Dragon's Rest",
    address: "12 High Street",
    onlineUrl: "https://meet.example.test/dragon",
  });
  const { id } = await app.given.session({ host: gm, minPlayers: 1 });
  await app.as(gm).session.update({ sessionId: id, venueId: venue.id });
  const players = [];
  for (const timeZone of timeZones) {
    const player = await app.given.user({ timeZone, name: `Player in ${timeZone}` });
    await app.given.join(id, player);
    players.push(player);
  }
  return { id, gm, players };
}

describe("email", () => {
  it("tells each player of a cancellation by email: their own time zone, the venue, a link back, one-click unsubscribe", async () => {
    // Starts 2026-03-16 18:00 UTC: 23:45 in Kathmandu, 11:00 in Los Angeles (PDT).
    const { id, gm, players } = await sessionWithPlayers("Asia/Kathmandu", "America/Los_Angeles");
    const [kathmandu, losAngeles] = players as [(typeof players)[0], (typeof players)[0]];
    await app.as(gm).session.cancel({ sessionId: id, reason: "The GM is ill" });
    expect(await send()).toMatchObject({ sent: 2, retrying: 0, failed: 0 });

    const [toKathmandu] = smtp.to(kathmandu.email);
    const [toLosAngeles] = smtp.to(losAngeles.email);
    expect(smtp.received).toHaveLength(2);
    for (const mail of [toKathmandu, toLosAngeles]) {
      expect(mail?.subject).toBe('"The Sunless Citadel" was cancelled.');
      expect(mail?.from?.text).toBe('"Quorum" <games@quorum.test>');
      expect(mail?.text).toContain(`${app.config.PUBLIC_URL}/sessions/${id}`);
      expect(mail?.text).toContain("Where: The Dragon's Rest, 12 High Street");
      expect(mail?.text).toContain("Online: https://meet.example.test/dragon");
      expect(mail?.html).toContain(`href="${app.config.PUBLIC_URL}/sessions/${id}"`);
      expect(mail?.html).toContain("The Dragon&#39;s Rest");
      expect(header(mail, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      expect(header(mail, "list-unsubscribe")).toMatch(
        new RegExp(`^<${app.config.PUBLIC_URL}/unsubscribe\\?token=[\\w.-]+>$`),
      );
    }
    expect(toKathmandu?.to).toMatchObject({ value: [{ address: kathmandu.email }] });
    expect(toKathmandu?.text).toContain("When: Monday, 16 March 2026 at 23:45 GMT+5:45 (Asia/Kathmandu)");
    expect(toKathmandu?.html).toContain("Monday, 16 March 2026 at 23:45");
    expect(toLosAngeles?.text).toContain("When: Monday, 16 March 2026 at 11:00 GMT-7 (America/Los Angeles)");
    expect(await queued("sent")).toHaveLength(2);
  });

  it("gives a moved session's old and new times in each reader's zone", async () => {
    const { id, gm, players } = await sessionWithPlayers("Asia/Kathmandu");
    const session = await app.as(gm).session.byId({ sessionId: id });
    await app.as(gm).session.update({ sessionId: id, startsAt: new Date(session.startsAt.getTime() + HOUR) });
    await send();
    const [mail] = smtp.to(players[0]!.email);
    expect(mail?.subject).toBe('"The Sunless Citadel" has a new time.');
    expect(mail?.text).toContain(
      "Starts: Tuesday, 17 March 2026 at 00:45 GMT+5:45 (was Monday, 16 March 2026 at 23:45 GMT+5:45).",
    );
  });

  it("one-click unsubscribe (RFC 8058) works signed out, for that type only; a forged token changes nothing", async () => {
    const { id, gm, players } = await sessionWithPlayers("UTC");
    const player = players[0]!;
    await app.as(gm).participant.remove({ sessionId: id, userId: player.id });
    await send();
    const [mail] = smtp.to(player.email);
    const url = String(header(mail, "list-unsubscribe")).slice(1, -1).replace(app.config.PUBLIC_URL, app.url);

    const forged = url.replace(/token=(\w+)/, "token=$1x");
    const refused = await fetch(forged, { method: "POST", body: "List-Unsubscribe=One-Click" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/not valid/);

    // What a mail provider sends: a POST without cookies.
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("You will get no more emails about being removed from a session.");
    const preferences = await app.as(player).notification.preferences();
    expect(preferences.find((p) => p.type === "participant_removed")).toEqual({
      type: "participant_removed",
      inApp: true,
      email: false,
    });
    expect(preferences.find((p) => p.type === "session_cancelled")).toMatchObject({ email: true });

    // Removed again: in the app, not by email.
    await app.as(gm).participant.add({ sessionId: id, userId: player.id });
    await app.as(gm).participant.remove({ sessionId: id, userId: player.id });
    await send();
    expect(smtp.to(player.email).map((m) => m.subject)).toEqual([
      'You were removed from "The Sunless Citadel".',
      'You were added to "The Sunless Citadel".',
    ]);
    const inbox = await app.as(player).notification.list({});
    expect(inbox.items.map((n) => n.type)).toContain("participant_removed");
  });

  it("sends nothing but in-app notices to an address not yet confirmed", async () => {
    const gm = await app.given.user();
    const unconfirmed = await app.given.user({ verified: false });
    const { id } = await app.given.session({ host: gm, minPlayers: 1 });
    await app.given.join(id, unconfirmed);
    await app.as(gm).session.cancel({ sessionId: id });
    await send();
    expect(smtp.to(unconfirmed.email)).toEqual([]);
    expect((await app.as(unconfirmed).notification.list({})).items[0]?.type).toBe("session_cancelled");
  });

  it("follows each user's choice per type: email only, in-app only, neither", async () => {
    const { id, gm, players } = await sessionWithPlayers("UTC", "UTC");
    const [emailOnly, neither] = players as [(typeof players)[0], (typeof players)[0]];
    await app.as(emailOnly).notification.setPreference({ type: "session_cancelled", inApp: false });
    await app.as(neither).notification.setPreference({ type: "session_cancelled", inApp: false, email: false });
    await expectRefusal(
      app.as(neither).notification.setPreference({ type: "nonsense" as never, email: true }),
      "BAD_REQUEST",
      /type/,
    );
    await app.as(gm).session.cancel({ sessionId: id });
    await send();
    expect(smtp.to(emailOnly.email)).toHaveLength(1);
    expect(smtp.to(neither.email)).toHaveLength(0);
    expect(await app.as(emailOnly).notification.unreadCount()).toBe(0);
    expect(await app.as(neither).notification.unreadCount()).toBe(0);
  });
});

describe("delivery", () => {
  async function oneCancellationEmail() {
    const { id, gm } = await sessionWithPlayers("UTC");
    await app.as(gm).session.cancel({ sessionId: id });
  }

  it("SMTP down, then up: the message waits, with backoff, and is sent once the server is back", async () => {
    await oneCancellationEmail();
    await smtp.stop();
    try {
      expect(await send()).toMatchObject({ sent: 0, retrying: 1 });
      const [waiting] = await queued("pending");
      expect(waiting).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
      expect(waiting!.nextAttemptAt.getTime() - app.clock.now.getTime()).toBe(60_000);
      // Not before its time.
      expect(await send()).toMatchObject({ sent: 0, retrying: 0 });
    } finally {
      await smtp.start();
    }
    app.advance(60_000);
    expect(await send()).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(await queued("pending")).toEqual([]);
  });

  it("a permanent refusal (5xx) fails at once, and admins see why; a 4xx is retried, but not forever", async () => {
    const admin = await app.given.user({ role: "admin" });
    smtp.refuse(550);
    await oneCancellationEmail();
    expect(await send()).toMatchObject({ failed: 1 });
    app.advance(24 * HOUR);
    expect(await send()).toMatchObject({ sent: 0, failed: 0, retrying: 0 });
    const { items } = await app.as(admin).outgoing.list({ status: "failed" });
    const failed = items.find((m) => m.lastError?.includes("Mailbox unavailable"));
    expect(failed).toMatchObject({ channel: "email", attempts: 1, subject: '"The Sunless Citadel" was cancelled.' });
    await expectRefusal(app.as(await app.given.user()).outgoing.list({}), "FORBIDDEN");

    // The admin sends it again once the mailbox works.
    smtp.refuse(null);
    await app.as(admin).outgoing.retry({ messageId: failed!.id });
    expect(await send()).toMatchObject({ sent: 1 });
    await expectRefusal(app.as(admin).outgoing.retry({ messageId: failed!.id }), "CONFLICT");

    smtp.refuse(451);
    await oneCancellationEmail();
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await send()).toMatchObject({ retrying: 1 });
      app.advance(HOUR);
    }
    expect(await send()).toMatchObject({ failed: 1 });
    const [gaveUp] = await app.db.outgoingMessage.findMany({
      where: { status: "failed", lastError: { startsWith: "Gave up" } },
    });
    expect(gaveUp).toMatchObject({ attempts: MAX_ATTEMPTS });
    expect(smtp.received).toHaveLength(1);
  });

  it("a process that stops mid-send: the other process never sends the message again", async () => {
    await oneCancellationEmail();
    const release = smtp.holdMessages();
    const first = send(); // hands the message over; the server holds it
    await smtp.waitFor(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await queued("sending")).toHaveLength(1);

    // Later, another process (its own id) finds the claim too old to be alive.
    const other = { ...app.services, processId: "other-process" };
    app.advance(CLAIM_TIMEOUT_MS + 1);
    expect(await sendOutgoing(other, app.clock.now)).toMatchObject({ interrupted: 1, sent: 0 });
    release();
    await first;
    expect(smtp.received).toHaveLength(1);
    const [interrupted] = await queued("failed");
    expect(interrupted?.lastError).toMatch(/may or may not have arrived/);
    expect(await sendOutgoing(other, app.clock.now)).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it("a connection lost after the message was handed over is not retried: it may have arrived", async () => {
    await oneCancellationEmail();
    const release = smtp.holdMessages();
    const sending = send();
    await until(() => smtp.held === 1, "the message handed over whole");
    smtp.dropConnections(); // the server had the whole message, and never answered
    release();
    expect(await sending).toMatchObject({ failed: 1, retrying: 0 });
    const [lost] = await queued("failed");
    expect(lost?.lastError).toMatch(/may or may not have arrived/);
    app.advance(HOUR);
    expect(await send()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(1); // it did arrive: a retry would have been a second copy
  });

  it("keeps sent messages 30 days and failed ones until an admin acts", async () => {
    await oneCancellationEmail();
    await send();
    smtp.refuse(550);
    await oneCancellationEmail();
    await send();
    app.advance(30 * 24 * HOUR - 1);
    expect(await forgetOldMessages(app.db, app.clock.now)).toBe(0);
    app.advance(2);
    expect(await forgetOldMessages(app.db, app.clock.now)).toBe(1);
    expect(await app.db.outgoingMessage.findMany({ select: { status: true } })).toEqual([{ status: "failed" }]);
  });
});
