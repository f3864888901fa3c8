// Finding a game in a real browser: a GM describes a game and says who can find it;
// the session's page and its card in the list show what game it is. A signed-out
// visitor finds a public game from the front page, signs up, comes back and joins.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServedTestApp, TEST_PASSWORD } from "../app.ts";
import { startSmtpServer } from "../smtp.ts";
import { checkScreen, haveChromium, LAPTOP, launch, PHONE, signUpInBrowser } from "./browser.ts";

const smtp = await startSmtpServer();
const app = await createServedTestApp({ SMTP_URL: smtp.url }, { realClock: true });
let browser: Browser;

beforeAll(async () => {
  if (haveChromium) browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await app.close();
  await smtp.stop();
});

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: LAPTOP, timezoneId: "Europe/Paris", locale: "en-GB" });
  const page = await context.newPage();
  await page.goto(`${app.url}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Upcoming sessions" }).waitFor();
  return page;
}

describe.skipIf(!haveChromium)("finding a game in a real browser", () => {
  it("a GM describes the game and who can find it; the page and the card say what it is", {
    timeout: 90_000,
  }, async () => {
    const gmUser = await app.given.user({ name: "Dana GM" });
    const gm = await signedIn(gmUser.email);
    await gm.getByRole("link", { name: "Schedule a session" }).click();
    await gm.getByLabel("Title").fill("Masks of Nyarlathotep");
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    await gm.getByLabel("Starts").fill(new Date(startsAt.getTime() + 3_600_000).toISOString().slice(0, 16));
    await gm.getByLabel("Minimum players").fill("1");
    // Public unless the GM says otherwise; a members-only choice needs a campaign.
    expect(await gm.getByRole("radio", { name: /^Public/ }).isChecked()).toBe(true);
    expect(await gm.getByRole("radio", { name: /^Campaign members only/ }).count()).toBe(0);
    await gm.getByRole("radio", { name: /^Unlisted/ }).check();
    await gm.getByLabel("Game system").fill("Call of Cthulhu 7e");
    await gm.getByLabel("Tags").fill("Horror, one shot");
    await gm.getByLabel("Language").selectOption("fr");
    await gm.getByLabel("Experience").selectOption("newcomers");
    await gm.getByLabel("Content rating").selectOption("mature");
    await gm.getByLabel("Content notes (optional)").fill("Body horror.");
    await gm.getByLabel("Played online").check();
    await checkScreen(gm, "find-a-game-form");
    await gm.getByRole("button", { name: "Schedule" }).click();

    await gm.getByRole("heading", { name: "Masks of Nyarlathotep" }).waitFor();
    const about = gm.getByRole("list", { name: "About the game" });
    expect(await about.getByRole("listitem").allTextContents()).toEqual([
      "Call of Cthulhu 7e",
      "New players welcome",
      "French",
      "Online",
      "Rated mature",
      "Unlisted",
      "#horror",
      "#one-shot",
    ]);
    expect(await gm.getByTestId("content-notes").textContent()).toBe("Content notes: Body horror.");
    await checkScreen(gm, "find-a-game-session");
    const stored = await app.db.gameSession.findFirstOrThrow({ where: { title: "Masks of Nyarlathotep" } });
    expect([stored.visibility, stored.tags, stored.language, stored.online]).toEqual([
      "unlisted",
      "horror,one-shot",
      "fr",
      true,
    ]);

    await gm.getByRole("link", { name: "Sessions" }).first().click();
    const card = gm.getByRole("article").filter({ hasText: "Masks of Nyarlathotep" });
    expect(await card.getByRole("list", { name: "About the game" }).textContent()).toContain("Call of Cthulhu 7e");
    await gm.context().close();
  });

  it("a signed-out visitor finds a public game from the front page, signs up, comes back and joins", {
    timeout: 120_000,
  }, async () => {
    const gm = await app.given.user({ name: "Rowan GM" });
    const open = await app.given.session({
      host: gm,
      startsInHours: 72,
      fields: {
        title: "Lost Mine of Phandelver",
        description: "A classic first adventure.",
        gameSystem: "D&D 5e",
        tags: ["starter", "fantasy"],
        experienceLevel: "newcomers",
      },
    });
    await app.given.session({
      host: gm,
      startsInHours: 96,
      fields: { title: "Blades in the Dark", gameSystem: "FitD" },
    });
    const campaign = await app.as(gm).campaign.create({ title: "The Secret Table" });
    const hidden = await app.given.session({
      host: gm,
      fields: { title: "Members-only night", campaignId: campaign.id },
    });

    const context = await browser.newContext({ viewport: PHONE, timezoneId: "America/New_York", locale: "en-US" });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole("heading", { name: "Tabletop games that happen" }).waitFor();
    const games = page.getByRole("region", { name: "Games with a seat for you" });
    await games.getByRole("link", { name: "Lost Mine of Phandelver" }).waitFor();
    expect(await games.getByText("Members-only night").count()).toBe(0);
    await checkScreen(page, "front-page");

    // Search from the front page; the filters narrow it, and the address keeps it.
    await page.getByLabel("Game, system or tag").fill("dark");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByRole("heading", { name: "Find a game" }).waitFor();
    await expect.poll(() => page.getByTestId("result-count").textContent()).toBe("1 game");
    await page.getByRole("link", { name: "Blades in the Dark" }).waitFor();
    await page.getByLabel("Words in the title, description, system or tags").fill("");
    await page.getByText("Filters").click();
    await page.getByLabel("Experience").selectOption("newcomers");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect.poll(() => page.url()).toContain("level=newcomers");
    await expect.poll(() => page.getByTestId("result-count").textContent()).toBe("1 game");
    await checkScreen(page, "find-a-game-results");
    await page.getByLabel("Game system").fill("Nothing like it");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect.poll(() => page.getByTestId("result-count").textContent()).toBe("No public game matches.");
    await page.goBack();
    await expect.poll(() => page.getByTestId("result-count").textContent()).toBe("1 game");

    // The public page: what, when in the visitor's zone, seats, GM; nobody's name at the table.
    await page.getByRole("link", { name: "Lost Mine of Phandelver" }).click();
    await page.getByRole("heading", { name: "Lost Mine of Phandelver" }).waitFor();
    const { startsAt } = await app.db.gameSession.findUniqueOrThrow({ where: { id: open.id } });
    expect(await page.locator("time").first().getAttribute("datetime")).toBe(startsAt.toISOString());
    expect(await page.locator("time").first().textContent()).toBe(
      // The visitor's own zone, as the page formats it (client/lib/time.ts).
      new Intl.DateTimeFormat("en-US", {
        weekday: "short",
        day: "numeric",
        month: "short",
        hour: "2-digit",
        minute: "2-digit",
        timeZone: "America/New_York",
      }).format(startsAt),
    );
    expect(await page.getByTestId("seats").textContent()).toBe("0/6");
    await page.getByText("GM Rowan GM").waitFor();
    await checkScreen(page, "session-signed-out");
    // Its link, opened afresh (as a chat app fetches it), previews the game; a members-only
    // session's previews nothing, and asks to sign in.
    const linked = await context.newPage();
    await linked.goto(page.url());
    expect(await linked.locator('meta[property="og:title"]').getAttribute("content")).toBe("Lost Mine of Phandelver");
    await linked.goto(`${app.url}/sessions/${hidden.id}`);
    await expect.poll(() => linked.url()).toContain("/sign-in?next=");
    expect(await linked.locator('meta[property="og:title"]').count()).toBe(0);
    await linked.close();

    await page.getByRole("link", { name: "Sign up to join" }).click();
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
    await signUpInBrowser(page, app, smtp, {
      name: "Nia Newcomer",
      email: "nia@example.test",
      password: "a long enough password",
    });
    // Back on the session, signed in: Join is one tap.
    await expect.poll(() => page.url()).toBe(`${app.url}/sessions/${open.id}`);
    await page.getByRole("button", { name: "Join" }).click();
    await page.getByTestId("my-place").waitFor();
    expect(await page.getByTestId("seats").textContent()).toBe("1/6");
    const nia = await app.db.user.findUniqueOrThrow({ where: { email: "nia@example.test" } });
    expect(
      await app.db.participant.count({ where: { gameSessionId: open.id, userId: nia.id, status: "joined" } }),
    ).toBe(1);
    await context.close();
  });
});
