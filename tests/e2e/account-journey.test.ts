// A person's account in a real browser, with a real SMTP server: sign up (the browser
// gives the time zone) and finish from the email's link, change and confirm the address, choose which notifications
// come by email, stop one kind from an email's link, and get back in with "forgot
// password". And the account's own data: downloaded, then the account closed.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServedTestApp, TEST_PASSWORD } from "../app.ts";
import { emailedLink, startSmtpServer } from "../smtp.ts";
import { checkScreen, haveChromium, LAPTOP, launch, onTestServer, PHONE } from "./browser.ts";

const smtp = await startSmtpServer();
const app = await createServedTestApp({ SMTP_URL: smtp.url }, { realClock: true });
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  if (haveChromium) browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await smtp.stop();
});

async function newPage(viewport = PHONE): Promise<Page> {
  const context = await browser.newContext({ viewport, timezoneId: "America/Los_Angeles", locale: "en-US" });
  const page = await context.newPage();
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      errors.push(message.text());
  });
  return page;
}

/** The link to `path` in the latest email to `address`, on the test server. */
const linkTo = async (address: string, path: string) =>
  onTestServer(await emailedLink(app, smtp, address, path), app.url);

describe.skipIf(!haveChromium)("an account in a real browser", () => {
  it("sign up from the email, confirm a new address, choose notifications, unsubscribe from an email, reset a forgotten password", {
    timeout: 120_000,
  }, async () => {
    const page = await newPage();
    await page.goto(`${app.url}/sign-in`);
    await page.getByRole("button", { name: "Create an account" }).click();
    await page.getByLabel("Your name").fill("Fay Forgetful");
    await page.getByLabel("Email").fill("fay@example.test");
    await page.getByRole("button", { name: "Create account" }).click();
    // The same answer whether or not the address has an account: the rest is in the email.
    await page.getByText("Check your inbox: we sent a link to fay@example.test. Open it to finish.").waitFor();
    await checkScreen(page, "check-your-inbox");
    await page.goto(await linkTo("fay@example.test", "/welcome"));
    await page.getByRole("heading", { name: "Welcome to Quorum" }).waitFor();
    await page.getByLabel("Password").fill("password12");
    await page.getByRole("button", { name: "Create my account" }).click();
    await page
      .getByText(/too easy to guess/)
      .first()
      .waitFor();
    await checkScreen(page, "welcome");
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Create my account" }).click();
    await page.getByRole("heading", { name: "Upcoming sessions" }).waitFor();
    const fay = await app.db.user.findUniqueOrThrow({ where: { email: "fay@example.test" } });
    expect(fay.timeZone).toBe("America/Los_Angeles"); // from the browser
    // The link came to the address: it is confirmed, and no screen asks for it.
    expect(await page.getByText(/^Confirm your address/).count()).toBe(0);

    // Settings, under the account menu. A new address waits for its own link, and every
    // screen says so until it is confirmed.
    await page.locator("details.account summary").click();
    // On a phone the menu opens on the screen, not past its left edge.
    const menu = (await page.locator("details.account .menu").boundingBox())!;
    expect(menu.x).toBeGreaterThanOrEqual(0);
    expect(menu.x + menu.width).toBeLessThanOrEqual(PHONE.width);
    await checkScreen(page, "account-menu");
    await page.getByRole("link", { name: /^Settings/ }).click();
    await page.getByRole("heading", { name: "Settings" }).waitFor();
    expect(await page.getByLabel("Time zone for emails").inputValue()).toBe("America/Los_Angeles");
    await page.getByText("Change your address").click();
    await page.getByLabel("New address").fill("fay.f@example.test");
    await page.getByLabel("Your password").fill("a long enough password");
    await page.getByRole("button", { name: "Change address" }).click();
    await page.getByText(/^Confirm your address with the link we sent to fay\.f@example\.test/).waitFor();
    await page.getByText("not confirmed yet").waitFor();
    await checkScreen(page, "confirm-notice");

    // The confirmation email's link, opened in the browser.
    await page.goto(await linkTo("fay.f@example.test", "/verify-email"));
    await page.getByText("Thank you: fay.f@example.test is confirmed.").waitFor();

    // Reminders in the app only; last calls nowhere.
    await page.goto(`${app.url}/settings`);
    await page.getByText("(confirmed)").waitFor();
    expect(await page.getByText(/^Confirm your address/).count()).toBe(0);
    const remindersByEmail = page.getByLabel("Reminders before your sessions: by email");
    expect(await remindersByEmail.isChecked()).toBe(true);
    await remindersByEmail.uncheck();
    await page.getByLabel("Last calls for sessions short of players: in Quorum").uncheck();
    await page.getByLabel("Last calls for sessions short of players: by email").uncheck();
    await expect
      .poll(async () => (await app.as(fay).notification.preferences()).filter((p) => !p.email).map((p) => p.type))
      .toEqual(["session_started", "session_reminder", "last_call"]);
    await checkScreen(page, "settings");

    // A cancellation email; its "stop these emails" link works signed out, after asking.
    const { id, host } = await app.given.session({ minPlayers: 1 });
    await app.given.join(id, fay);
    await app.as(host).session.cancel({ sessionId: id });
    const unsubscribe = await linkTo("fay.f@example.test", "/unsubscribe");
    const signedOut = await newPage(LAPTOP);
    await signedOut.goto(unsubscribe);
    await signedOut.getByRole("button", { name: "Stop these emails" }).click();
    await signedOut.getByText("You will get no more emails about cancelled sessions.").waitFor();
    await checkScreen(signedOut, "unsubscribed");
    expect((await app.as(fay).notification.preferences()).find((p) => p.type === "session_cancelled")).toMatchObject({
      inApp: true,
      email: false,
    });

    // Forgot the password: the answer gives nothing away; the emailed link lets Fay back in.
    const forgetful = await newPage();
    await forgetful.goto(`${app.url}/sign-in`);
    await forgetful.getByRole("link", { name: "Forgot your password?" }).click();
    await forgetful.getByLabel("Email").fill("fay.f@example.test");
    await forgetful.getByRole("button", { name: "Send me a link" }).click();
    await forgetful.getByText(/If an account uses that address, a link/).waitFor();
    await checkScreen(forgetful, "forgot-password");
    await forgetful.goto(await linkTo("fay.f@example.test", "/reset-password"));
    await forgetful.getByLabel("New password", { exact: true }).fill("short");
    await forgetful.getByRole("button", { name: "Save and sign in" }).click();
    await forgetful
      .getByText(/at least 10 characters/i)
      .first()
      .waitFor();
    await forgetful.getByLabel("New password", { exact: true }).fill("an entirely new passphrase");
    await forgetful.getByRole("button", { name: "Save and sign in" }).click();
    await forgetful.getByRole("heading", { name: "Upcoming sessions" }).waitFor();
    // Every other device was signed out: the first page goes to the sign-in page, on reload
    // or sooner, when its live stream ends (that navigation may cut the reload short).
    await page.reload().catch((error: unknown) => {
      if (!/Not attached to an active page|ERR_ABORTED|interrupted/.test(String(error))) throw error;
    });
    await expect.poll(() => page.url()).toContain("/sign-in");
    expect(errors).toEqual([]);
  });

  it("downloads my data, then closes the account after the password", { timeout: 60_000 }, async () => {
    const user = await app.given.user({ name: "Lena Leaving" });
    const { id } = await app.given.session({ host: user, fields: { title: "Lena's last table" } });
    const page = await newPage(LAPTOP);
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Upcoming sessions" }).waitFor();
    await page.goto(`${app.url}/settings`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download my data" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^quorum-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync(await download.path(), "utf8"));
    expect(data.account.email).toBe(user.email);
    expect(data.hostedSessions.map((s: { id: string }) => s.id)).toEqual([id]);

    await page.getByText("Close my account").first().click();
    await page.getByLabel("Account password, to confirm").fill("not my password");
    await page.getByRole("button", { name: "Close my account for good" }).click();
    await page.getByText("That is not your current password.").waitFor();
    await checkScreen(page, "close-account");
    await page.getByLabel("Account password, to confirm").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Close my account for good" }).click();
    await page.getByText("Your account is closed and your personal data deleted.").waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    expect((await app.db.gameSession.findUniqueOrThrow({ where: { id } })).status).toBe("cancelled");
    // Signed out, and the old address no longer opens it.
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").first().waitFor();
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(errors).toEqual([]);
  });
});
