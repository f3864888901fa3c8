// The scripts, run as child processes against a real started server.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ICAL from "ical.js";
import { describe, expect, it, onTestFinished } from "vitest";
import type { AuthUser } from "../src/auth/lucia.ts";
import { sendOutgoing } from "../src/outgoing/sender.ts";
import { createServedTestApp } from "./app.ts";

const work = mkdtempSync(join(tmpdir(), "quorum-scripts-"));
// The server's development mailbox, where seed-demo reads its people's sign-up emails.
const mailDir = join(work, "mail");
const app = await createServedTestApp({ MAIL_DIR: mailDir });

type Result = { code: number; stdout: string; stderr: string };

function script(name: string, args: string[], token?: string): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      "npx",
      ["tsx", `scripts/${name}.ts`, ...args],
      { env: { ...process.env, QUORUM_URL: app.url, QUORUM_TOKEN: token ?? "", MAIL_DIR: mailDir }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr: stderr.replace(/^npm warn.*\n/gm, "") });
      },
    );
  });
}

async function tokenFor(user: AuthUser) {
  return (await app.as(user).apiToken.create({ name: "scripts test" })).token;
}

// Each test starts several script processes (tsx compiles each at start): more than the default 20 s on a slow machine.
describe("scripts", { timeout: 90_000 }, () => {
  it("seed-demo fills an empty instance through the API, with progress, and refuses to run twice", async () => {
    // The server's outgoing job, as often as a running server's: it writes the emails.
    const outgoing = setInterval(() => void sendOutgoing(app.services, app.services.now()), 200);
    onTestFinished(() => clearInterval(outgoing));
    const first = await script("seed-demo", []);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^\[ 1\/\d+\] account gwen@demo\.quorum\.test$/m);
    expect(first.stdout).toContain("Demo ready: 12 accounts");

    const gwen = await app.db.user.findUniqueOrThrow({ where: { email: "gwen@demo.quorum.test" } });
    const gm = app.as({ ...gwen });
    const sessions = await gm.session.list({ limit: 100 });
    expect(sessions.items).toHaveLength(12);
    expect(sessions.items.filter((s) => s.campaign?.title === "Mists of Barovia")).toHaveLength(3);
    expect(sessions.items.some((s) => s.waitlistCount > 0)).toBe(true);
    expect(sessions.items.some((s) => s.playersNeeded > 0)).toBe(true);
    const [campaign] = await gm.campaign.listMine();
    expect(campaign).toMatchObject({ title: "Mists of Barovia", memberCount: 4 });
    expect((await gm.venue.list({})).items.map((v) => v.name).sort()).toEqual(["Online table", "The Dice Tower"]);

    const again = await script("seed-demo", []);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already has the demo data");
  });

  it("sessions: create, list, show, join by code, leave; clear errors and exit codes", async () => {
    const gm = await app.given.user({ name: "Script GM" });
    const player = await app.given.user({ name: "Script Player" });
    const [gmToken, playerToken] = [await tokenFor(gm), await tokenFor(player)];
    const startsAt = new Date(app.clock.now.getTime() + 3 * 86_400_000);

    const created = await script(
      "sessions",
      ["create", "--title", "Terminal night", "--starts", startsAt.toISOString(), "--max", "3", "--json"],
      gmToken,
    );
    expect(created.code).toBe(0);
    const session = JSON.parse(created.stdout) as { id: string; joinCode: string; maxPlayers: number };
    expect(session.maxPlayers).toBe(3);

    const joined = await script("sessions", ["join", session.joinCode], playerToken);
    expect(joined).toMatchObject({ code: 0, stdout: `You joined ${session.id} as player.\n` });
    const again = await script("sessions", ["join", session.id], playerToken);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("error: You are already in this session. (CONFLICT)\n");

    const listed = await script("sessions", ["list", "--mine", "--all"], playerToken);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain("Terminal night");
    expect(listed.stdout).toContain("1/3");
    const shown = JSON.parse((await script("sessions", ["show", session.id, "--json"], playerToken)).stdout);
    expect(shown.participants.map((p: { user: { displayName: string } }) => p.user.displayName).sort()).toEqual([
      "Script GM",
      "Script Player",
    ]);
    expect(shown.joinCode).toBeNull();

    expect((await script("sessions", ["leave", session.id], playerToken)).code).toBe(0);
    expect((await app.as(gm).session.byId({ sessionId: session.id })).playerCount).toBe(0);

    const usage = await script("sessions", ["create", "--title", "x", "--starts", "whenever"], gmToken);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--starts: cannot read "whenever"');
    const noToken = await script("sessions", ["list"]);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain("No API token");
    const revoked = await app.as(gm).apiToken.create({ name: "soon revoked" });
    await app.as(gm).apiToken.revoke({ tokenId: revoked.id });
    for (const refused of [revoked.token, "qrm_not-a-real-token"]) {
      const answer = await script("sessions", ["list"], refused);
      expect(answer.code).toBe(1);
      expect(answer.stderr).toContain(
        "error: the server refused your API token (revoked, expired or mistyped). Create a new one on the Your account page",
      );
      expect(answer.stderr).not.toContain("Sign in first");
    }
    const help = await script("sessions", ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("List, show, create, join and leave game sessions.");
  });

  it("sessions create --every books a series in a zone; bad periods are usage errors", async () => {
    const gm = await app.given.user({ name: "Series GM" });
    const token = await tokenFor(gm);
    const starts = "2026-03-20T19:00"; // a Friday, Paris time (the app's clock: 14 March)
    const created = await script(
      "sessions",
      [
        "create",
        "--title",
        "Barovia",
        "--starts",
        `${starts}+01:00`,
        "--every",
        "2w",
        "--count",
        "3",
        "--tz",
        "Europe/Paris",
      ],
      token,
    );
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(
      /^Created the series \w+: Barovia, every 2 weeks on Friday at 19:00 \(Europe\/Paris\), 3 times\. 3 sessions booked so far/,
    );
    const booked = await app.db.gameSession.findMany({ where: { hostId: gm.id }, orderBy: { startsAt: "asc" } });
    expect(booked.map((s) => s.startsAt.toISOString())).toEqual([
      "2026-03-20T18:00:00.000Z",
      "2026-04-03T17:00:00.000Z",
      "2026-04-17T17:00:00.000Z",
    ]);
    const bad = await script(
      "sessions",
      ["create", "--title", "x", "--starts", `${starts}+01:00`, "--every", "daily"],
      token,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--every takes weeks or months");
  });

  it("poll: create, answer, show and pick through the router; bad answers are usage errors", async () => {
    const gm = await app.given.user({ name: "Poll GM" });
    const [ana, bo] = [await app.given.user({ name: "Ana" }), await app.given.user({ name: "Bo" })];
    const [gmToken, anaToken, boToken] = [await tokenFor(gm), await tokenFor(ana), await tokenFor(bo)];
    const dates = [4, 5].map((days) => new Date(app.clock.now.getTime() + days * 86_400_000).toISOString());
    const created = await script(
      "poll",
      [
        "create",
        "--title",
        "Session zero",
        "--date",
        dates[0]!,
        "--date",
        dates[1]!,
        "--min",
        "1",
        "--max",
        "1",
        "--json",
      ],
      gmToken,
    );
    expect(created.stderr).toBe("");
    const poll = JSON.parse(created.stdout) as { code: string; link: string };
    expect(poll.link).toBe(`${app.url}/polls/${poll.code}`);

    expect(await script("poll", ["answer", poll.code, "1=maybe", "2=yes"], anaToken)).toMatchObject({
      code: 0,
      stdout: "Saved your 2 answers to Session zero.\n",
    });
    expect((await script("poll", ["answer", poll.code, "2=yes"], boToken)).code).toBe(0);
    const wrong = await script("poll", ["answer", poll.code, "2=perhaps"], boToken);
    expect(wrong).toMatchObject({ code: 2, stderr: 'error: "2=perhaps": answer as <date number>=yes, maybe or no\n' });
    const missing = await script("poll", ["pick", poll.code, "3"], gmToken);
    expect(missing).toMatchObject({ code: 2, stderr: "error: There is no date 3: the poll has 2.\n" });
    const notTheirs = await script("poll", ["pick", poll.code, "2"], anaToken);
    expect(notTheirs).toMatchObject({
      code: 1,
      stderr: "error: Only the poll's GM or an admin may do that. (FORBIDDEN)\n",
    });

    const shown = await script("poll", ["show", poll.code], boToken);
    expect(shown.stdout).toContain("Session zero (GM Poll GM)");
    expect(shown.stdout).toMatch(/│ 1 +│ .+│ +│ Ana +│ +│/);
    expect(shown.stdout).toMatch(/│ 2 +│ .+│ Ana, Bo +│ +│ +│/);

    const picked = await script("poll", ["pick", poll.code, "2"], gmToken);
    expect(picked.code).toBe(0);
    const sessionId = /created the session (\w+)/.exec(picked.stdout)?.[1];
    const seats = await app.db.participant.findMany({
      where: { gameSessionId: sessionId, role: "player" },
      select: { user: { select: { displayName: true } }, status: true },
      orderBy: { joinOrder: "asc" },
    });
    expect(seats.map((p) => [p.user.displayName, p.status])).toEqual([
      ["Ana", "joined"],
      ["Bo", "waitlisted"],
    ]);
    expect((await script("poll", ["show", poll.code], boToken)).stdout).toContain(
      `Closed: the session ${sessionId} was created on the date picked.`,
    );
    const closed = await script("poll", ["close", poll.code], gmToken);
    expect(closed).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("This poll is already decided or closed"),
    });
  });

  it("recap posts a summary and key events, placing HH:MM times on the session's day in --tz", async () => {
    const { id, host } = await app.given.activeSession(1); // started at 2026-03-14T18:00Z = 23:45 in Kathmandu
    app.advance(60 * 60_000); // an hour of play: the events below are behind us
    const token = await tokenFor(host);
    const summaryFile = join(work, "recap.md");
    const eventsFile = join(work, "events.txt");
    writeFileSync(summaryFile, "# The tower\nThey climbed it.\n");
    writeFileSync(eventsFile, "# times in Kathmandu\n23:50 The door opens\n\n00:30 The dragon wakes\n");

    const bad = join(work, "bad.txt");
    writeFileSync(bad, "23:50 Fine\n25:99 Not a time\n");
    const refused = await script(
      "recap",
      [id, "--summary", summaryFile, "--events", bad, "--tz", "Asia/Kathmandu"],
      token,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('events line 2: expected "HH:MM what happened"');
    expect((await app.as(host).record.get({ sessionId: id })).summary).toBeNull(); // nothing changed

    const posted = await script(
      "recap",
      [id, "--summary", summaryFile, "--events", eventsFile, "--tz", "Asia/Kathmandu"],
      token,
    );
    expect(posted).toMatchObject({ code: 0, stderr: "" });
    const record = await app.as(host).record.get({ sessionId: id });
    expect(record.summary).toBe("# The tower\nThey climbed it.\n");
    expect(record.keyEvents.map((e) => [e.text, e.happenedAt.toISOString()])).toEqual([
      ["The door opens", "2026-03-14T18:05:00.000Z"],
      ["The dragon wakes", "2026-03-14T18:45:00.000Z"], // after midnight: the next day
    ]);

    const player = await app.db.participant.findFirstOrThrow({ where: { gameSessionId: id, role: "player" } });
    const notGm = await script(
      "recap",
      [id, "--summary", summaryFile],
      await tokenFor({ ...(await app.db.user.findUniqueOrThrow({ where: { id: player.userId } })) }),
    );
    expect(notGm.code).toBe(1);
    expect(notGm.stderr).toContain("FORBIDDEN");
  });

  it("ical writes a calendar of my upcoming sessions that parses back with the right UTC times, and serves a feed", async () => {
    const player = await app.given.user();
    const token = await tokenFor(player);
    const { id } = await app.given.session({ startsInHours: 30 });
    await app.given.join(id, player);
    const session = await app.as(player).session.byId({ sessionId: id });

    const out = join(work, "mine.ics");
    const written = await script("ical", ["--out", out], token);
    expect(written).toMatchObject({ code: 0, stdout: `Wrote 1 session to ${out}.\n` });
    const events = parseEvents(readFileSync(out, "utf8"));
    expect(events).toEqual([{ uid: `${id}@quorum`, summary: session.title, start: session.startsAt.toISOString() }]);
    expect(readFileSync(out, "utf8")).toMatch(/DTSTART:\d{8}T\d{6}Z/); // written in UTC

    const feed = await script("ical", ["--feed-url"], token);
    expect(feed.code).toBe(0);
    const url = /^http\S+\.ics$/m.exec(feed.stdout)?.[0];
    expect(url).toBeDefined();
    // Calendar apps fetch the secret URL with no credentials at all.
    const path = new URL(url as string).pathname;
    const response = await fetch(`${app.url}${path}`);
    expect(response.headers.get("content-type")).toContain("text/calendar");
    expect(parseEvents(await response.text()).map((e) => e.uid)).toEqual([`${id}@quorum`]);
    await app.as(player).calendar.revokeFeedUrl();
    expect((await fetch(`${app.url}${path}`)).status).toBe(404);
  });
});

function parseEvents(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return { uid: event.uid, summary: event.summary, start: event.startDate.toJSDate().toISOString() };
  });
}
