// Real headless Chromium (Debian's package) driven by playwright-core, a fresh build of
// the web client for the server to serve, and what every browser journey does first.
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import type { Services } from "../../src/services.ts";
import { emailedLink, type SmtpServer } from "../smtp.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** CI installs Chromium and must run these tests; elsewhere they are skipped without it. */
export const haveChromium = existsSync(CHROMIUM) || process.env.CI === "true";
export const screenshotsDir = fileURLToPath(new URL("../../test-results/screenshots", import.meta.url));

export async function buildClient(): Promise<void> {
  await build({ configFile: fileURLToPath(new URL("../../vite.config.ts", import.meta.url)), logLevel: "error" });
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export const PHONE = { width: 375, height: 812 };
export const LAPTOP = { width: 1280, height: 800 };

/** What axe checks: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Every screen a journey reaches, at phone and laptop widths: a full-page screenshot for
 * people to look at, and axe's WCAG 2.2 AA audit, which must find nothing serious or critical.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  const original = page.viewportSize();
  const problems: string[] = [];
  for (const [label, size] of [
    ["phone", PHONE],
    ["laptop", LAPTOP],
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${screenshotsDir}/${name}-${label}.png`, fullPage: true });
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
    for (const v of violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
      const where = v.nodes.map((n) => n.target.join(" ")).join("; ");
      problems.push(`${label}: ${v.id} (${v.impact}) ${v.help}, at ${where}`);
    }
  }
  if (original) await page.setViewportSize(original);
  if (problems.length > 0) throw new Error(`axe on "${name}":\n${problems.join("\n")}`);
}

/**
 * Signs up as a person does, on the sign-in page: name and address, then the email's
 * link (opened on the test server), where the password is chosen.
 */
export async function signUpInBrowser(
  page: Page,
  app: { url: string; services: Services },
  smtp: SmtpServer,
  account: { name: string; email: string; password: string },
): Promise<void> {
  // "Sign up to join" opens the form ready; the sign-in page's own needs the switch.
  const heading = page.getByRole("heading", { name: /^(Sign in|Create your account)$/ });
  if ((await heading.textContent()) === "Sign in")
    await page.getByRole("button", { name: "Create an account" }).click();
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Almost there" }).waitFor();
  await page.goto(onTestServer(await emailedLink(app, smtp, account.email, "/welcome"), app.url));
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create my account" }).click();
}

/** An emailed link (to PUBLIC_URL) on the test server instead. */
export const onTestServer = (link: URL, serverUrl: string) => `${serverUrl}${link.pathname}${link.search}`;
