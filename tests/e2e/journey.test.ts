// The whole product in a real browser: a GM schedules, a player joins by code, the
// GM sees them arrive live, plays, writes the record, the player reads it; and an
// under-filled session's cancellation reaches the player's inbox live.
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelUnderFilledSessions } from "../../src/jobs/under-fill.ts";
import { createServedTestApp, TEST_PASSWORD } from "../app.ts";
import { startSmtpServer } from "../smtp.ts";
import { checkScreen, haveChromium, LAPTOP, launch, PHONE, signUpInBrowser } from "./browser.ts";

const smtp = await startSmtpServer();
const app = await createServedTestApp({ SMTP_URL: smtp.url }, { realClock: true });
let browser: Browser;
const contexts: BrowserContext[] = [];
const consoleErrors: string[] = [];
/** The presence calls (connect, disconnect) each page sent, in order. */
const presenceCalls = new WeakMap<Page, string[]>();

beforeAll(async () => {
  if (haveChromium) browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await smtp.stop();
});

async function newPage(viewport = LAPTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, timezoneId: "Asia/Kathmandu", locale: "en-GB" });
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (error) => consoleErrors.push(`pageerror: ${error.message}`));
  presenceCalls.set(page, []);
  page.on("request", (request) => {
    const procedures = /\/trpc\/([^?]+)/.exec(request.url())?.[1]?.split(",") ?? [];
    presenceCalls.get(page)?.push(...procedures.filter((p) => /^presence\.(connect|disconnect)$/.test(p)));
  });
  page.on("console", (message) => {
    // Refusals the page handles (409 on a second join, 401 before sign-in) log as failed loads.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      consoleErrors.push(message.text());
  });
  return page;
}

const signUp = (page: Page, name: string, email: string) =>
  signUpInBrowser(page, app, smtp, { name, email, password: "a long enough password" });

async function signIn(page: Page, email: string) {
  await page.goto(`${app.url}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Upcoming sessions" }).waitFor();
}

describe.skipIf(!haveChromium)("in a real browser", () => {
  it("GM schedules, player joins by code, presence shows live, the record is written and read", {
    timeout: 120_000,
  }, async () => {
    const gm = await newPage();
    const page = await gm.goto(`${app.url}/`);
    // The journey runs under the real Content-Security-Policy: a violation is a console error.
    expect(page?.headers()["content-security-policy"]).toContain("script-src 'self'");
    // Signed out, "/" is the front page, with the way in.
    await gm.getByRole("heading", { name: "Tabletop games that happen" }).waitFor();
    await gm.getByRole("link", { name: "Sign in" }).first().click();
    await expect.poll(() => gm.url()).toBe(`${app.url}/sign-in`);
    await checkScreen(gm, "sign-in");
    await signUp(gm, "Gina GM", "gina@example.test");
    await gm.getByRole("heading", { name: "Upcoming sessions" }).waitFor();

    // Bad input first: the server's refusal appears next to the field.
    await gm.getByRole("link", { name: "Schedule a session" }).click();
    await gm.getByRole("button", { name: "Schedule" }).click();
    await gm.getByText("Give the session a title.").waitFor();
    // Fields carry the schema's limits, and a rule's refusal shows once, beside its field.
    expect(await gm.getByLabel("Title").getAttribute("maxlength")).toBe("120");
    expect(await gm.getByLabel("Minimum players").getAttribute("max")).toBe("100");
    await gm.getByLabel("Title").fill("Too late");
    await gm.getByLabel("Starts").fill("2020-01-01T10:00");
    await gm.getByRole("button", { name: "Schedule" }).click();
    await gm.getByText("The session must start in the future.").waitFor();
    expect(await gm.getByText(/Starts: /).count()).toBe(0);

    // Date-time inputs, and every page, say which zone their times are in.
    await gm
      .getByText(/^In your time zone, Asia\/Kath?mandu \(GMT\+5:45\)\.$/)
      .first()
      .waitFor();
    expect(await gm.getByTestId("zone-note").textContent()).toMatch(
      /^Times are in your time zone, Asia\/Kath?mandu \(GMT\+5:45\)\.$/,
    );
    await gm.getByLabel("Title").fill("Tomb of Horrors");
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    startsAt.setSeconds(0, 0);
    const local = new Date(startsAt.getTime() + 345 * 60_000).toISOString().slice(0, 16); // the page's zone: +05:45
    await gm.getByLabel("Starts").fill(local);
    await gm.getByLabel("Minimum players").fill("1");
    // Reminders: a day and an hour before unless the GM says otherwise.
    expect(await gm.getByLabel("24 hours before").isChecked()).toBe(true);
    await gm.getByLabel("24 hours before").uncheck();
    await gm.getByLabel("15 minutes before").check();
    await checkScreen(gm, "session-new");
    await gm.getByRole("button", { name: "Schedule" }).click();
    await gm.getByRole("heading", { name: "Tomb of Horrors" }).waitFor();
    const scheduled = await app.db.gameSession.findFirstOrThrow({
      where: { title: "Tomb of Horrors" },
      select: { reminders: { select: { minutesBefore: true }, orderBy: { minutesBefore: "desc" } } },
    });
    expect(scheduled.reminders.map((r) => r.minutesBefore)).toEqual([60, 15]);
    const sessionUrl = gm.url();
    const code = (await gm.getByTestId("join-code").textContent())?.trim() ?? "";
    expect(code).toMatch(/^[2-9A-Z]{10}$/);
    await gm.locator(".qr svg").waitFor(); // the QR code is drawn
    const shown = await gm.locator("time").first().getAttribute("datetime");
    expect(shown).toBe(startsAt.toISOString()); // stored and shown as the same instant
    await checkScreen(gm, "session-gm");

    // The player follows the link signed out: sign up, then straight back to join.
    const player = await newPage(PHONE);
    await player.goto(`${app.url}/join/${code}`);
    // The link names its session before anyone signs in.
    await player.getByRole("heading", { name: "Join “Tomb of Horrors”" }).waitFor();
    await checkScreen(player, "join-by-code-signed-out");
    await player.getByRole("link", { name: "Sign up to join" }).click();
    await expect.poll(() => player.url()).toContain("/sign-in?new=1&next=");
    await signUp(player, "Pat Player", "pat@example.test");
    await player.getByRole("heading", { name: "Join “Tomb of Horrors”" }).waitFor();
    await checkScreen(player, "join-by-code");
    await player.getByRole("button", { name: "Join this session" }).click();
    // Joined: straight to the session page, which counts the new seat.
    await expect.poll(() => player.url()).toBe(sessionUrl);
    await player.getByTestId("my-place").waitFor();
    expect(await player.getByTestId("seats").textContent()).toBe("1/6");
    // A join page for a session one is in offers no second Join, but the way to it.
    await player.goto(`${app.url}/join/${code}`);
    await player.getByTestId("already-in").getByText("You are in this session.").waitFor();
    expect(await player.getByRole("button", { name: "Join this session" }).count()).toBe(0);
    await player.getByRole("link", { name: "Go to the session" }).click();
    await player.getByTestId("my-place").waitFor();

    // The GM's page updates live: seats, then Pat at the table once Pat has the session open.
    await expect.poll(() => gm.getByTestId("seats").textContent()).toBe("1/6");
    await expect
      .poll(() => gm.getByTestId("presence-Pat Player").getAttribute("data-online"), { timeout: 15_000 })
      .toBe("yes");
    await checkScreen(gm, "session-presence");
    await checkScreen(player, "session-player");
    // Each sat down once and stayed: others coming and going does not reconnect anyone.
    expect(presenceCalls.get(gm)).toEqual(["presence.connect"]);
    expect(presenceCalls.get(player)?.slice(-1)).toEqual(["presence.connect"]);
    expect(presenceCalls.get(player)?.filter((call) => call === "presence.connect").length).toBeLessThanOrEqual(2);

    // Play, end, and write the record. The session is planned three days out: Start asks first.
    let asked = "";
    gm.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await gm.getByRole("button", { name: "Start" }).click();
    await expect.poll(() => asked).toMatch(/^"Tomb of Horrors" is planned for .+\. Start it now anyway\?$/);
    expect((await app.db.gameSession.findFirstOrThrow({ where: { title: "Tomb of Horrors" } })).status).toBe(
      "scheduled",
    );
    gm.once("dialog", (dialog) => void dialog.accept());
    await gm.getByRole("button", { name: "Start" }).click();
    await gm.getByText("active", { exact: true }).waitFor();
    await gm
      .getByTestId("played")
      .getByText(/^Started /)
      .waitFor();
    await expect.poll(() => player.locator(".status").textContent()).toBe("active");
    await gm.getByRole("button", { name: "End the session" }).click();
    await gm.getByText("completed", { exact: true }).waitFor();
    // When it really ran, not only the plan.
    expect(await gm.getByTestId("played").textContent()).toMatch(/^Played .+ to \d\d:\d\d \(\d+ min\)\.$/);
    await gm.getByRole("link", { name: "Write the record" }).click();
    await gm
      .getByLabel("Summary (markdown)")
      .fill("# The tomb\nPat found the **false door**. <script>alert(1)</script>");
    await gm.getByLabel("Only you and admins ever see these").fill("The lich was never there.");
    await gm.getByRole("button", { name: "Save the record" }).click();
    await gm.getByRole("status").getByText("Saved.").waitFor();
    await gm.getByLabel("What happened").fill("The floor gave way");
    await gm.getByRole("button", { name: "Add the event" }).click();
    await gm.getByTestId("key-events").getByText("The floor gave way").waitFor();
    await gm.getByRole("button", { name: "Preview" }).click();
    await gm.locator(".markdown strong", { hasText: "false door" }).waitFor();
    await checkScreen(gm, "record-gm");

    await player.goto(`${sessionUrl}/record`);
    await player.locator(".markdown h1", { hasText: "The tomb" }).waitFor();
    await player.getByTestId("key-events").getByText("The floor gave way").waitFor();
    expect(await player.locator(".markdown script").count()).toBe(0); // rendered safely
    expect(await player.content()).not.toContain("lich"); // private notes stay private
    await checkScreen(player, "record-player");

    // The list and the campaign screens, for the screenshots.
    await gm.goto(`${app.url}/campaigns`);
    await gm.getByLabel("Title").fill("Mists of Barovia");
    await gm.getByRole("button", { name: "Start the campaign" }).click();
    await gm.getByTestId("invite-code").waitFor();
    await gm.locator(".qr svg").waitFor();
    await checkScreen(gm, "campaign");
    await gm.getByRole("link", { name: "Sessions", exact: true }).click();
    await gm.getByRole("heading", { name: "Upcoming sessions" }).waitFor();
    await checkScreen(gm, "sessions-list");
    expect(consoleErrors).toEqual([]);
  });

  it("an under-filled session's cancellation appears in the player's inbox, live", { timeout: 60_000 }, async () => {
    const { id } = await app.given.session({ startsInHours: 0.5, minPlayers: 3 }); // due: start - 60 min has passed
    const player = await newPage(PHONE);
    await player.goto(`${app.url}/sign-in`);
    await signUp(player, "Ivy Inbox", "ivy@example.test");
    await player.getByRole("heading", { name: "Upcoming sessions" }).waitFor();
    const ivy = await app.db.user.findUniqueOrThrow({ where: { email: "ivy@example.test" } });
    await app.given.join(id, { ...ivy });
    await player.getByRole("link", { name: /Inbox/ }).click();
    await player.getByText("Nothing here yet.").waitFor();

    await cancelUnderFilledSessions(app.services, new Date());

    await player.getByTestId("unread-badge").waitFor();
    expect(await player.getByTestId("unread-badge").textContent()).toBe("1");
    await player.getByText(/was cancelled: not enough players/).waitFor();
    await player.getByText(/^The session: /).waitFor(); // a notice says when its session is
    await checkScreen(player, "inbox");
    expect(consoleErrors).toEqual([]);
  });

  it("a token may expire, and signing out everywhere signs out the other browser too", {
    timeout: 60_000,
  }, async () => {
    const laptop = await newPage();
    await laptop.goto(`${app.url}/sign-in`);
    await signUp(laptop, "Tess Tokens", "tess@example.test");
    await laptop.getByRole("heading", { name: "Upcoming sessions" }).waitFor();
    const phone = await newPage(PHONE);
    await phone.goto(`${app.url}/sign-in`);
    await phone.getByLabel("Email").fill("tess@example.test");
    await phone.getByLabel("Password").fill("a long enough password");
    await phone.getByRole("button", { name: "Sign in" }).click();
    await phone.getByRole("heading", { name: "Upcoming sessions" }).waitFor();

    // API tokens live under the account menu, not in everyone's main navigation.
    const tokensLink = laptop.getByRole("link", { name: "Tokens, calendar, devices" });
    expect(await tokensLink.isVisible()).toBe(false);
    await laptop.locator("details.account summary").click();
    await tokensLink.click();
    await laptop.getByLabel("Token name").fill("season planner");
    await laptop.getByLabel("Expires").selectOption({ label: "In 30 days" });
    await laptop.getByRole("button", { name: "Create a token" }).click();
    await laptop.getByTestId("new-token").waitFor();
    await laptop.getByText(/· expires /).waitFor();
    const [token] = await app.db.apiToken.findMany({ where: { user: { email: "tess@example.test" } } });
    const days = (token!.expiresAt!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    await checkScreen(laptop, "tokens");

    laptop.once("dialog", (dialog) => void dialog.accept());
    await laptop.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect.poll(() => laptop.url()).toContain("/sign-in");
    // The phone's live streams end with its sign-in, and it goes to the sign-in page by itself.
    await expect.poll(() => phone.url()).toContain("/sign-in");
    expect(await app.db.authSession.count({ where: { user: { email: "tess@example.test" } } })).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it("a removal asks first and sticks; a cancelled session says when and why", { timeout: 60_000 }, async () => {
    const { id, host } = await app.given.session({ seats: 4, minPlayers: 1 });
    const player = await app.given.user({ name: "Rex Removed" });
    await app.given.join(id, player);
    const gm = await newPage();
    await signIn(gm, host.email);
    await gm.goto(`${app.url}/sessions/${id}`);
    // Cancelling is a quiet outline button, apart from Start, not a second red call to action.
    const cancel = gm.getByRole("button", { name: "Cancel the session…" });
    expect(await cancel.evaluate((button) => getComputedStyle(button).backgroundColor)).toBe("rgb(255, 255, 255)");
    let asked = "";
    gm.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.dismiss(); // changed their mind: nothing happens
    });
    await gm.getByRole("button", { name: "Remove Rex Removed" }).click();
    await expect.poll(() => asked).toContain("Remove Rex Removed from this session?");
    expect(await app.db.participant.count({ where: { gameSessionId: id, status: "joined", userId: player.id } })).toBe(
      1,
    );
    gm.once("dialog", (dialog) => void dialog.accept());
    await gm.getByRole("button", { name: "Remove Rex Removed" }).click();
    await expect
      .poll(() => app.db.participant.count({ where: { gameSessionId: id, status: "left", userId: player.id } }))
      .toBe(1);

    const removed = await newPage(PHONE);
    await signIn(removed, player.email);
    await removed.goto(`${app.url}/sessions/${id}`);
    await removed.getByTestId("removed").waitFor();
    expect(await removed.getByRole("button", { name: /^Join/ }).count()).toBe(0);
    await checkScreen(removed, "removed");

    // A session that was cancelled: its players read when and why, not "You are in".
    const other = await app.given.session({ seats: 4, minPlayers: 1, host });
    await app.given.join(other.id, player);
    await app.as(host).session.cancel({ sessionId: other.id, reason: "The GM caught the flu." });
    await removed.goto(`${app.url}/sessions/${other.id}`);
    const line = await removed.getByTestId("cancelled").textContent();
    expect(line).toMatch(/^This session was cancelled on .+\. The GM said: “The GM caught the flu\.”$/);
    expect(await removed.getByTestId("my-place").count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it("a moved session tells its players, in their own zone; opening it from the inbox reads it", {
    timeout: 60_000,
  }, async () => {
    const { id, host } = await app.given.session({ seats: 4, minPlayers: 1, startsInHours: 72 });
    const player = await app.given.user({ name: "Mo Moved" });
    await app.given.join(id, player);
    const page = await newPage(PHONE);
    await signIn(page, player.email);
    const startsAt = new Date("2027-01-15T14:00:00Z"); // 19:45 in Kathmandu, the page's zone
    await app.as(host).session.update({ sessionId: id, startsAt });
    await page.getByRole("link", { name: /Inbox/ }).click();
    await page.getByText(/has a new time\./).waitFor();
    await page.getByText(/Starts: .*15 Jan.*19:45/).waitFor();
    expect(await page.getByText(/^The session: /).count()).toBe(0); // the new time says it already
    await checkScreen(page, "inbox-moved");
    await page.getByRole("link", { name: "Open the session" }).first().click();
    await expect.poll(() => page.url()).toContain(`/sessions/${id}`);
    await expect.poll(() => app.db.notification.count({ where: { userId: player.id, readAt: null } })).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it("the small things: a favicon, markdown descriptions and tables, a warning before a reload loses a form", {
    timeout: 60_000,
  }, async () => {
    const { id, host } = await app.given.session({ seats: 4, minPlayers: 1 });
    await app.as(host).session.update({
      sessionId: id,
      description: "Bring **dice**.\n\n| Role | Who |\n| --- | --- |\n| Healer | Ann |",
    });
    const page = await newPage();
    const icon = await page.request.get(`${app.url}/favicon.svg`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toContain("image/svg+xml");
    await signIn(page, host.email);
    expect(await page.locator('link[rel="icon"]').getAttribute("href")).toBe("/favicon.svg");
    await page.goto(`${app.url}/sessions/${id}`);
    await page.locator(".markdown strong", { hasText: "dice" }).waitFor();
    const cell = page.locator(".markdown td", { hasText: "Healer" });
    await cell.waitFor();
    expect(await cell.evaluate((td) => getComputedStyle(td).borderTopStyle)).toBe("solid");
    await checkScreen(page, "description");

    await page.goto(`${app.url}/sessions/new`);
    await page.getByLabel("Title").fill("Half-typed");
    const asked = new Promise<string>((resolve) =>
      page.once("dialog", (dialog) => {
        resolve(dialog.type());
        void dialog.dismiss(); // stay on the page
      }),
    );
    void page.reload().catch(() => {}); // dismissed: the reload does not happen
    expect(await asked).toBe("beforeunload");
    expect(await page.getByLabel("Title").inputValue()).toBe("Half-typed");
    // A refused save is not a save: the warning stays.
    await page.getByLabel("Starts").fill("2020-01-01T10:00");
    await page.getByRole("button", { name: "Schedule" }).click();
    await page.getByText("The session must start in the future.").waitFor();
    const askedAgain = new Promise<string>((resolve) =>
      page.once("dialog", (dialog) => {
        resolve(dialog.type());
        void dialog.dismiss();
      }),
    );
    void page.reload().catch(() => {});
    expect(await askedAgain).toBe("beforeunload");
    expect(consoleErrors).toEqual([]);
  });

  it("adds a session to a calendar, and subscribes to (then stops) the personal feed", {
    timeout: 60_000,
  }, async () => {
    const { id } = await app.given.session({ seats: 4, minPlayers: 1, startsInHours: 50 });
    const player = await app.given.user({ name: "Cal Endar" });
    await app.given.join(id, player);
    const page = await newPage(PHONE);
    await signIn(page, player.email);
    await page.goto(`${app.url}/sessions/${id}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Add to calendar" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("The Sunless Citadel.ics");
    const file = await download.path().then((path) => readFileSync(path, "utf8"));
    expect(file).toContain(`UID:${id}@quorum`);

    await page.goto(`${app.url}/`);
    await page.getByRole("link", { name: "Calendar feed" }).click();
    await page.getByRole("button", { name: "Get my calendar link" }).click();
    const feedUrl = (await page.getByTestId("feed-url").textContent()) ?? "";
    expect(await page.getByRole("link", { name: "Subscribe in your calendar" }).getAttribute("href")).toBe(
      feedUrl.replace(/^http:/, "webcal:"),
    );
    // (The link is built on PUBLIC_URL; this test's server listens elsewhere.)
    const served = `${app.url}${new URL(feedUrl).pathname}`;
    const feed = await page.request.get(served);
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain(`UID:${id}@quorum`);
    await checkScreen(page, "calendar-feed");
    await page.getByRole("button", { name: "Stop the link" }).click();
    await page.getByText("You have no calendar link now.").waitFor();
    expect((await page.request.get(served)).status()).toBe(404);
    expect(consoleErrors).toEqual([]);
  });

  it("a sign-out in one tab signs out the others; a sign-in ended elsewhere takes the tab to sign-in", {
    timeout: 60_000,
  }, async () => {
    const user = await app.given.user({ name: "Tab Tabson" });
    const first = await newPage();
    await signIn(first, user.email);
    const second = await first.context().newPage(); // the same browser: the same cookie
    second.on("pageerror", (error) => consoleErrors.push(`pageerror: ${error.message}`));
    await second.goto(`${app.url}/inbox`);
    await second.getByRole("heading", { name: "Inbox" }).waitFor();
    await first.locator("details.account summary").click();
    await first.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => second.url()).toBe(`${app.url}/sign-in?next=%2Finbox`);
    // The tab that signed out shows the sign-in page with nobody's name or menu left in the header.
    await first.getByRole("heading", { name: "Sign in" }).waitFor();
    await expect.poll(() => first.locator("details.account").count()).toBe(0);
    expect(await first.getByText("Tab Tabson").count()).toBe(0);

    // Signed out from elsewhere (another device, say): the next answer says so, and the tab follows.
    const other = await newPage(PHONE);
    await signIn(other, user.email);
    await other.goto(`${app.url}/venues`);
    await other.getByRole("heading", { name: "Venues" }).waitFor();
    await app.db.authSession.deleteMany({ where: { userId: user.id } });
    await other.getByLabel("Name").fill("The Back Room");
    await other.getByRole("button", { name: /Add/ }).click();
    await expect.poll(() => other.url()).toBe(`${app.url}/sign-in?next=%2Fvenues`);
    expect(consoleErrors).toEqual([]);
  });

  it("a campaign page lists its upcoming sessions and its GM; past sessions, mine too, keep their recaps", {
    timeout: 60_000,
  }, async () => {
    const gm = await app.given.user({ name: "Cora Campaign" });
    const player = await app.given.user({ name: "Pip Past" });
    const campaign = await app.as(gm).campaign.create({ title: "The Long Road" });
    await app.as(player).campaign.joinByCode({ code: campaign.inviteCode! });
    const chapter = await app.as(gm).session.create({
      title: "Chapter Two",
      startsAt: new Date(Date.now() + 5 * 86_400_000),
      campaignId: campaign.id,
      minPlayers: 1,
    });
    const oneShot = await app.as(gm).session.create({
      title: "A One-Shot",
      startsAt: new Date(Date.now() + 2 * 3_600_000),
      minPlayers: 1,
    });
    await app.given.join(oneShot.id, player);
    await app.as(gm).session.start({ sessionId: oneShot.id });
    await app.as(gm).record.update({ sessionId: oneShot.id, summary: "The **goblins** won." });
    await app.as(gm).session.end({ sessionId: oneShot.id });

    const page = await newPage(PHONE);
    await signIn(page, player.email);
    await page.goto(`${app.url}/campaigns/${campaign.id}`);
    await page.getByRole("link", { name: "Chapter Two" }).waitFor();
    expect(await page.getByTestId("campaign-gm").textContent()).toBe("Cora Campaign · GM");
    await checkScreen(page, "campaign-upcoming");
    await page.goto(`${app.url}/`);
    await page.getByRole("link", { name: "Past sessions" }).click();
    await page.getByRole("link", { name: "A One-Shot" }).waitFor();
    await page.locator(".markdown strong", { hasText: "goblins" }).waitFor();
    expect(await page.getByRole("link", { name: "Chapter Two" }).count()).toBe(0);
    await checkScreen(page, "past-sessions");
    expect(chapter.status).toBe("scheduled");
    expect(consoleErrors).toEqual([]);
  });

  it("a session card shows my place and the game system; a badge only when the status tells something", {
    timeout: 60_000,
  }, async () => {
    const gm = await app.given.user({ name: "Card GM" });
    const scenario = await app.as(gm).scenario.create({ title: "Moors", gameSystem: "Call of Cthulhu" });
    const campaign = await app
      .as(gm)
      .campaign.create({ title: "Arkham Nights", scenarioId: scenario.id, defaultVisibility: "public" });
    const full = await app.as(gm).session.create({
      title: "Full House",
      startsAt: new Date(Date.now() + 4 * 86_400_000),
      maxPlayers: 1,
      minPlayers: 1,
      campaignId: campaign.id,
    });
    const [first, second] = [await app.given.user(), await app.given.user({ name: "Wendy Waits" })];
    await app.given.join(full.id, first);
    await app.given.join(full.id, second);
    const page = await newPage(PHONE);
    await signIn(page, second.email);
    const card = page.locator("article.card", { has: page.getByRole("link", { name: "Full House" }) });
    await card.waitFor();
    expect(await card.getByTestId("my-place-chip").textContent()).toBe("Waitlist #1");
    expect(await card.textContent()).toContain("Call of Cthulhu");
    expect(await card.locator(".status").count()).toBe(0); // scheduled: no badge
    await checkScreen(page, "session-cards");

    // A title of one long word wraps: the phone page never scrolls sideways.
    const long = await app
      .as(gm)
      .session.create({ title: "W".repeat(120), startsAt: new Date(Date.now() + 3 * 86_400_000) });
    await page.goto(`${app.url}/sessions/${long.id}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // A refused form on a phone brings its first refusal into view, with the cursor there.
    await page.goto(`${app.url}/sessions/new`);
    await page.getByRole("button", { name: "Schedule" }).click();
    await page.getByText("Give the session a title.").waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("field-title");
    expect(consoleErrors).toEqual([]);
  });

  it("the GM copies the join link, a new code asks first, and starting short of players says so", {
    timeout: 60_000,
  }, async () => {
    const { id, host } = await app.given.session({ seats: 4, minPlayers: 3, startsInHours: 0.5 });
    const page = await newPage();
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
    await signIn(page, host.email);
    await page.goto(`${app.url}/sessions/${id}`);
    const code = (await page.getByTestId("join-code").textContent())?.trim() ?? "";
    await page.getByRole("button", { name: "Copy the link" }).click();
    await page.getByRole("button", { name: "Link copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${app.url}/join/${code}`);

    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole("button", { name: /^New code/ }).click();
    await expect.poll(() => asked).toContain("The current code, link and QR code stop working at once.");
    expect((await app.db.gameSession.findUniqueOrThrow({ where: { id } })).joinCode).toBe(code);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: /^New code/ }).click();
    await expect
      .poll(async () => (await app.db.gameSession.findUniqueOrThrow({ where: { id } })).joinCode)
      .not.toBe(code);

    // Half an hour early is not "early", but no players of the three it needs is worth a question.
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole("button", { name: "Start" }).click();
    await expect.poll(() => asked).toBe("Only 0 of the 3 players it needs have joined. Start it now anyway?");
    expect((await app.db.gameSession.findUniqueOrThrow({ where: { id } })).status).toBe("scheduled");
    expect(consoleErrors).toEqual([]);
  });
});
