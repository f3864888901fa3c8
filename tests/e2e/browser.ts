// Real headless Chromium (Debian's package) driven by playwright-core, and a fresh
// build of the web client for the server to serve.
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";

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

/** A full-page screenshot at phone and laptop widths, for people to look at. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  const original = page.viewportSize();
  for (const [label, size] of [
    ["phone", PHONE],
    ["laptop", LAPTOP],
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${screenshotsDir}/${name}-${label}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}
