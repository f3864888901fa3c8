// A campaign's rhythm in a real browser: the GM proposes dates, players answer from the
// link in their own time zones and everyone sees the answers arrive live; the GM picks
// one, which creates the session with those who can come. Then a weekly series from the
// session form, edited "this and following", and ended.
import { formatInTimeZone } from "date-fns-tz";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServedTestApp, TEST_PASSWORD } from "../app.ts";
import { checkScreen, haveChromium, LAPTOP, launch, PHONE } from "./browser.ts";

const app = await createServedTestApp({}, { realClock: true });
let browser: Browser;
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (haveChromium) browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await app.close();
});

async function signedIn(email: string, timezoneId: string, viewport = LAPTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, timezoneId, locale: "en-GB" });
  const page = await context.newPage();
  page.on("pageerror", (error) => consoleErrors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      consoleErrors.push(message.text());
  });
  await page.goto(`${app.url}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Upcoming sessions" }).waitFor();
  return page;
}

/** How the client writes a date and time for a viewer in `zone` (lib/time.ts, en-GB). */
const shownIn = (date: Date, zone: string) =>
  new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: zone,
  }).format(date);

/** Next week's evenings, 19:00 in Kathmandu (13:15 UTC). */
const evenings = [8, 9, 10].map((days) => {
  const day = new Date(Date.now() + days * 86_400_000);
  return new Date(`${formatInTimeZone(day, "Asia/Kathmandu", "yyyy-MM-dd")}T19:00:00+05:45`);
});

describe.skipIf(!haveChromium)("a campaign's rhythm in a real browser", () => {
  it("a poll: answers from the link arrive live in each viewer's zone; the pick creates the session with them", {
    timeout: 120_000,
  }, async () => {
    const gmUser = await app.given.user({ name: "Greta GM" });
    const [ana, bo] = [await app.given.user({ name: "Ana Early" }), await app.given.user({ name: "Bo Later" })];
    const campaign = await app.as(gmUser).campaign.create({ title: "Curse of Strahd" });
    await app.as(ana).campaign.joinByCode({ code: campaign.inviteCode! });

    const gm = await signedIn(gmUser.email, "Asia/Kathmandu");
    await gm.goto(`${app.url}/campaigns/${campaign.id}`);
    await gm.getByRole("link", { name: "Find a date (poll)" }).click();
    await gm.getByRole("heading", { name: "Find a date together" }).waitFor();
    // Bad input first: one date is not a poll, and the form says so beside the dates.
    await gm.getByLabel("Title").fill("Session zero");
    await gm
      .getByLabel("Date 1", { exact: true })
      .fill(formatInTimeZone(evenings[0]!, "Asia/Kathmandu", "yyyy-MM-dd'T'HH:mm"));
    await gm.getByRole("button", { name: "Open the poll" }).click();
    await gm.getByText("Propose at least 2 dates.").waitFor();
    await checkScreen(gm, "poll-new");
    for (const [i, evening] of evenings.entries()) {
      await gm
        .getByLabel(`Date ${i + 1}`, { exact: true })
        .fill(formatInTimeZone(evening, "Asia/Kathmandu", "yyyy-MM-dd'T'HH:mm"));
    }
    await gm.getByLabel("Minimum players").fill("1");
    await gm.getByLabel("Maximum players").fill("1");
    await gm.getByRole("button", { name: "Open the poll" }).click();
    await gm.getByRole("heading", { name: "Session zero" }).waitFor();
    const link = (await gm.getByTestId("poll-link").textContent())!;
    expect(link).toMatch(/\/polls\/[0-9A-Z]{10}$/);

    // Ana, a member, opens it from her inbox, on a phone in New York; Bo has only the link.
    const anaPage = await signedIn(ana.email, "America/New_York", PHONE);
    await anaPage.goto(`${app.url}/inbox`);
    await anaPage.getByRole("link", { name: "Open the poll" }).click();
    await anaPage.getByRole("heading", { name: "Session zero" }).waitFor();
    const anaDates = await anaPage.locator("[data-testid=poll-option] time").allTextContents();
    expect(anaDates).toEqual(evenings.map((d) => shownIn(d, "America/New_York")));
    expect(await gm.locator("[data-testid=poll-option] time").allTextContents()).toEqual(
      evenings.map((d) => shownIn(d, "Asia/Kathmandu")),
    );

    const option = (page: Page, i: number) => page.getByTestId("poll-option").nth(i);
    await option(anaPage, 1).getByRole("button", { name: "If need be" }).click();
    await option(anaPage, 0).getByRole("button", { name: "No" }).click();
    // The GM's page, untouched, sees it.
    await option(gm, 1).getByText("0 yes · 1 if need be").waitFor();
    await option(gm, 1).getByText("If need be: Ana Early").waitFor();

    const boPage = await signedIn(bo.email, "Europe/Paris");
    await boPage.goto(link.replace(/^https?:\/\/[^/]+/, app.url));
    await option(boPage, 1).getByRole("button", { name: "Yes" }).click();
    await expect
      .poll(() => option(boPage, 1).getByRole("button", { name: "Yes" }).getAttribute("aria-pressed"))
      .toBe("true");
    await option(anaPage, 1).getByText("1 yes · 1 if need be").waitFor();
    await option(gm, 1).getByText("1 yes · 1 if need be").waitFor();
    await checkScreen(anaPage, "poll-answers");
    // Only the GM picks.
    expect(await boPage.getByRole("button", { name: "Pick this date" }).count()).toBe(0);

    await option(gm, 1).getByRole("button", { name: "Pick this date" }).click();
    await option(gm, 1)
      .getByText("1 of those who can come is seated, 1 waitlisted (yes before if need be, then by who answered first).")
      .waitFor();
    await checkScreen(gm, "poll-pick");
    await option(gm, 1).getByRole("button", { name: "Yes, pick it" }).click();
    await gm.waitForURL(/\/sessions\//);
    await gm.getByRole("heading", { name: "Session zero" }).waitFor();
    expect(await gm.getByTestId("seats").textContent()).toBe("1/1");
    // Bo said yes, so Bo sits; Ana, if need be, waits. Ana's open poll page says it is decided.
    await anaPage.getByTestId("poll-state").getByText("A date is chosen.").waitFor();
    expect(await anaPage.getByRole("button", { name: "Yes" }).first().isDisabled()).toBe(true);
    await anaPage.getByRole("link", { name: "Open the session" }).click();
    await anaPage.getByText("You are number 1 on the waitlist.").waitFor();
    await checkScreen(anaPage, "poll-decided-session");
    expect(consoleErrors).toEqual([]);
  });

  it("a weekly series from the session form, edited this-and-following, then ended", { timeout: 120_000 }, async () => {
    const gmUser = await app.given.user({ name: "Sam Series" });
    const gm = await signedIn(gmUser.email, "Europe/Paris", PHONE);
    await gm.getByRole("link", { name: "Schedule a session" }).click();
    // The cap is said before the form is filled in.
    await gm.getByTestId("host-cap").getByText("You host 0 of at most").waitFor();
    await gm.getByText("a repeating series counts once").waitFor();
    await gm.getByLabel("Title").fill("Friday night Barovia");
    await gm.getByLabel("Starts").fill(formatInTimeZone(evenings[0]!, "Europe/Paris", "yyyy-MM-dd'T'19:00"));
    await gm.getByLabel("Minimum players").fill("1");
    await gm.getByLabel("How often").selectOption("weekly");
    // An end date left empty: the server's refusal shows under "Repeats".
    await gm.getByLabel("Ends", { exact: true }).selectOption("until");
    await gm.getByRole("button", { name: "Schedule" }).click();
    await gm.getByTestId("repeats").getByText("Enter a date, such as 2027-06-30.").waitFor();
    await gm.getByLabel("Ends", { exact: true }).selectOption("count");
    await gm.getByLabel("Sessions in all").fill("4");
    await checkScreen(gm, "series-new");
    await gm.getByRole("button", { name: "Schedule" }).click();
    await gm.getByRole("heading", { name: "Friday night Barovia" }).waitFor();
    const series = gm.getByTestId("series");
    await series.getByText(/^Repeats every week on \w+ at 19:00 \(Europe\/Paris\), 4 times\.$/).waitFor();
    expect(await series.locator("li").count()).toBe(4);

    // This and following: every date moves to 20:00.
    // (The live stream has delivered the session by now: the GM's form keeps its reminders.)
    await gm.getByRole("button", { name: "Edit" }).click();
    await gm.getByLabel(/this one and all the following/).check();
    await gm.getByLabel("Starts").fill(formatInTimeZone(evenings[0]!, "Europe/Paris", "yyyy-MM-dd'T'20:00"));
    await gm.getByRole("button", { name: "Save changes" }).click();
    await expect
      .poll(async () =>
        (await app.db.gameSession.findMany({ where: { hostId: gmUser.id } })).map((s) =>
          formatInTimeZone(s.startsAt, "Europe/Paris", "HH:mm"),
        ),
      )
      .toEqual(["20:00", "20:00", "20:00", "20:00"]);
    await checkScreen(gm, "series-session");

    await series.getByRole("button", { name: "End the series…" }).click();
    await series.getByRole("button", { name: "Yes, end it" }).click();
    await series.getByText(/^This series has ended/).waitFor();
    await gm.getByTestId("cancelled").waitFor();
    expect(
      await app.db.gameSession.count({
        where: { hostId: gmUser.id, status: "cancelled", cancelReason: "The series has ended." },
      }),
    ).toBe(4);
    expect(consoleErrors).toEqual([]);
  });
});
