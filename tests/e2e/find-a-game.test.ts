// Finding a game in a real browser: a GM describes a game and says who can find it;
// the session's page and its card in the list show what game it is.
import type { Browser, Page } from "playwright-core";
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
  await app.close();
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
});
