// Quorum without a mouse, and for everyone: a keyboard-only journey (Tab, Enter, Space)
// that checks where focus lands after each action, the focus ring's contrast from the
// computed styles, and axe's audit on every screen at phone and laptop widths.
import axe from "axe-core";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServedTestApp, TEST_PASSWORD } from "../app.ts";
import { checkScreen, haveChromium, LAPTOP, launch } from "./browser.ts";

const app = await createServedTestApp({}, { realClock: true });
let browser: Browser;

beforeAll(async () => {
  if (haveChromium) browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: LAPTOP, timezoneId: "Europe/Paris", locale: "en-GB" });
  return context.newPage();
}

const isFocused = (target: Locator) =>
  target.evaluate((element) => element === document.activeElement, undefined, { timeout: 500 }).catch(() => false);

/** Waits (an action's answer may take a request) until `target` has focus. */
async function expectFocusOn(target: Locator): Promise<void> {
  await expect.poll(() => isFocused(target), { timeout: 10_000 }).toBe(true);
}

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, direction: "forward" | "back" = "forward"): Promise<void> {
  for (let presses = 0; presses < 80; presses++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(direction === "forward" ? "Tab" : "Shift+Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

async function signInByKeyboard(page: Page, email: string): Promise<void> {
  await page.goto(`${app.url}/sign-in`);
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(email);
  await tabTo(page, page.getByLabel("Password"));
  await page.keyboard.type(TEST_PASSWORD);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Upcoming sessions" }).waitFor();
}

/** The focused element's ring, and its contrast with the nearest background around it. */
async function focusRing(page: Page) {
  await page.evaluate(axe.source); // axe's colour functions, for the contrast ratio
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const seenBefore = element.dataset.ringChecked === "yes";
    element.dataset.ringChecked = "yes";
    const style = getComputedStyle(element);
    // The ring is drawn outside the element (outline-offset): on its surroundings.
    let background = "rgb(255, 255, 255)";
    for (let around = element.parentElement; around; around = around.parentElement) {
      const colour = getComputedStyle(around).backgroundColor;
      if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") {
        background = colour;
        break;
      }
    }
    // axe's colour helpers (not in its published types).
    type AxeColour = { parseString(text: string): void };
    const { Color, getContrast } = (
      window as unknown as {
        axe: { commons: { color: { Color: new () => AxeColour; getContrast(a: AxeColour, b: AxeColour): number } } };
      }
    ).axe.commons.color;
    const ring = new Color();
    ring.parseString(style.outlineColor);
    const behind = new Color();
    behind.parseString(background);
    return {
      element: `${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 30)}"`,
      seenBefore,
      style: style.outlineStyle,
      widthPx: Number.parseFloat(style.outlineWidth),
      contrast: Math.round(getContrast(behind, ring) * 100) / 100,
      background,
    };
  });
}

describe.skipIf(!haveChromium)("with the keyboard alone", () => {
  it("the skip link lands on the main content, and every focus stop on the sessions list has a ring of 3:1 or more", {
    timeout: 90_000,
  }, async () => {
    const reader = await app.given.user({ name: "Kim" });
    const gm = await app.given.user({ name: "Rosa" });
    await app.given.session({ host: gm, startsInHours: 30 });
    const page = await newPage();
    await page.goto(`${app.url}/sign-in`);
    await page.keyboard.press("Tab");
    await expectFocusOn(page.getByRole("link", { name: "Skip to content" }));
    await page.keyboard.press("Enter");
    await expectFocusOn(page.locator("main#main"));

    await signInByKeyboard(page, reader.email);
    await page.locator("article.card").first().waitFor();
    const stops: Awaited<ReturnType<typeof focusRing>>[] = [];
    await page.reload(); // Tab from the top of the page
    await page.locator("article.card").first().waitFor();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press("Tab");
      const ring = await focusRing(page);
      if (ring.seenBefore || ring.element.startsWith("body")) break; // round the page once
      stops.push(ring);
    }
    expect(stops.length).toBeGreaterThan(10);
    for (const stop of stops) {
      expect(stop, `${stop.element} on ${stop.background}`).toMatchObject({ style: "solid" });
      expect(stop.widthPx, stop.element).toBeGreaterThanOrEqual(2);
      expect(stop.contrast, `${stop.element} on ${stop.background}`).toBeGreaterThanOrEqual(3);
    }
  });

  it("join, leave, start, pause, resume, end and the record: focus lands on what comes next each time", {
    timeout: 120_000,
  }, async () => {
    const gm = await app.given.user({ name: "Ingrid" });
    const player = await app.given.user({ name: "Pat" });
    // Within the hour, and one player is enough: Start asks nothing.
    const { id } = await app.given.session({ host: gm, startsInHours: 0.5, minPlayers: 1, seats: 4 });
    const sessionUrl = `${app.url}/sessions/${id}`;

    const playerPage = await newPage();
    await signInByKeyboard(playerPage, player.email);
    await playerPage.goto(sessionUrl);
    const join = playerPage.getByRole("button", { name: "Join", exact: true });
    const leave = playerPage.getByRole("button", { name: "Leave", exact: true });
    await tabTo(playerPage, join);
    await playerPage.keyboard.press("Enter");
    await expectFocusOn(leave);
    await playerPage.keyboard.press("Space");
    await expectFocusOn(join);
    await playerPage.keyboard.press("Enter");
    await expectFocusOn(leave);

    const page = await newPage();
    await signInByKeyboard(page, gm.email);
    await page.goto(sessionUrl);
    const button = (name: string) => page.getByRole("button", { name, exact: true });
    await tabTo(page, button("Start"));
    await page.keyboard.press("Enter");
    await expectFocusOn(button("Pause"));
    await page.keyboard.press("Enter");
    await expectFocusOn(button("Resume"));
    await page.keyboard.press("Space");
    await expectFocusOn(button("Pause"));
    await tabTo(page, button("End the session"));
    await page.keyboard.press("Enter");
    const writeRecord = page.getByRole("link", { name: "Write the record" });
    await expectFocusOn(writeRecord);
    await page.keyboard.press("Enter");
    await expectFocusOn(page.getByRole("heading", { name: "Session record" }));

    // The record: Save keeps focus (busy, not disabled) and says so when saved.
    await tabTo(page, page.getByLabel("Summary (markdown)"));
    await page.keyboard.type("The bridge held.");
    const save = button("Save the record");
    await tabTo(page, save);
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("Saved.").waitFor();
    expect(await isFocused(save)).toBe(true);

    // A key event: added, then edited from the timeline, where Edit puts the cursor in the form.
    const whatHappened = page.getByLabel("What happened");
    await tabTo(page, whatHappened);
    await page.keyboard.type("The troll paid the toll");
    await page.keyboard.press("Enter");
    const edit = page.getByRole("button", { name: "Edit The troll paid the toll" });
    await edit.waitFor();
    await tabTo(page, edit, "back");
    await page.keyboard.press("Enter");
    await expectFocusOn(whatHappened);
    await tabTo(page, button("Stop editing"));
    await page.keyboard.press("Enter");
    await expectFocusOn(edit);
  });

  it("cancelling: the confirmation takes focus, Keep it goes back, and the result is read out", {
    timeout: 60_000,
  }, async () => {
    const gm = await app.given.user({ name: "Noor" });
    const { id } = await app.given.session({ host: gm, startsInHours: 50 });
    const page = await newPage();
    await signInByKeyboard(page, gm.email);
    await page.goto(`${app.url}/sessions/${id}`);
    const cancel = page.getByRole("button", { name: "Cancel the session…" });
    const question = page.getByTestId("confirm-cancel");
    await tabTo(page, cancel);
    await page.keyboard.press("Enter");
    await expectFocusOn(question);
    await tabTo(page, page.getByRole("button", { name: "Keep it" }));
    await page.keyboard.press("Enter");
    await expectFocusOn(cancel);
    await page.keyboard.press("Enter");
    await expectFocusOn(question);
    await tabTo(page, page.getByRole("button", { name: "Yes, cancel it" }));
    await page.keyboard.press("Enter");
    await expectFocusOn(page.getByTestId("cancelled"));
  });
});

describe.skipIf(!haveChromium)("axe on every screen, at phone and laptop widths", () => {
  it("finds what it should: a page with an unlabelled field fails the check", async () => {
    const page = await newPage();
    await page.setContent('<html lang="en"><title>t</title><main><input type="text"></main></html>');
    await expect(checkScreen(page, "axe-self-check")).rejects.toThrow(/label/);
  });

  it("finds nothing serious or critical on any screen", { timeout: 180_000 }, async () => {
    const admin = await app.given.user({ name: "Ada", role: "admin" });
    const player = await app.given.user({ name: "Bo" });
    const { id } = await app.given.session({ host: admin, startsInHours: 40 });
    const { joinCode } = await app.db.gameSession.findUniqueOrThrow({ where: { id } });
    await app.as(player).participant.join({ sessionId: id });
    const played = await app.given.session({ host: admin, startsInHours: 0.5, minPlayers: 1 });
    await app.as(admin).session.start({ sessionId: played.id });
    const campaign = await app.as(admin).campaign.create({ title: "The Long Road" });
    const poll = await app.as(admin).poll.create({
      title: "Next chapter",
      minPlayers: 1,
      maxPlayers: 4,
      options: [3, 4].map((days) => new Date(Date.now() + days * 86_400_000)),
      timeZone: "Europe/Paris",
    });
    await app.as(admin).venue.create({ name: "The Back Room", address: "12 Long Lane" });
    await app.as(admin).character.create({ name: "Mira the Bold" });

    const signedOut = await newPage();
    for (const [path, name] of [
      ["/sign-in", "Sign in"],
      ["/forgot-password", "Forgot your password?"],
      ["/reset-password?token=nope", "Choose a new password"],
      ["/welcome?token=nope", "Welcome to Quorum"],
      ["/unsubscribe?token=nope", "Stop these emails"],
    ] as const) {
      await signedOut.goto(`${app.url}${path}`);
      await signedOut.getByRole("heading", { level: 1, name }).waitFor();
      await checkScreen(signedOut, `every-screen${path.replace(/[/?=]/g, "-")}`);
    }

    const page = await newPage();
    await signInByKeyboard(page, admin.email);
    for (const path of [
      "/",
      "/past",
      "/sessions/new",
      `/sessions/${id}`,
      `/sessions/${played.id}`,
      `/sessions/${played.id}/record`,
      `/join/${joinCode}`,
      "/polls/new",
      `/polls/${poll.code}`,
      "/campaigns",
      `/campaigns/${campaign.id}`,
      "/venues",
      "/characters",
      "/inbox",
      "/tokens",
      "/settings",
      "/admin/outgoing",
      "/no-such-page",
    ]) {
      await page.goto(`${app.url}${path}`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await page.waitForTimeout(300); // the screen's queries (live streams never let the network idle)
      await checkScreen(page, `every-screen${path.replace(/\//g, "-")}`);
    }
  });
});
