// The first screen on a phone: the built client served by a real server, loaded cold
// in headless Chromium with a 4x CPU slowdown and Fast 3G (562.5 ms round trip,
// 180 KB/s down, 84 KB/s up, as Lighthouse's mobile preset). For the sign-in page
// (signed out) and the sessions list (signed in, 1,000 sessions in the database):
// Largest Contentful Paint, Total Blocking Time (the part of each long task past 50 ms,
// from first paint until the screen is shown) and bytes on the wire, median of 3 loads.
import { hashPassword } from "../src/auth/password.ts";
import { createDb } from "../src/db/client.ts";
import { buildClient, launch } from "../tests/e2e/browser.ts";
import { freePort, pause, stop } from "../tests/processes.ts";
import { fillSessions, freshDatabase } from "./fixtures.ts";
import { healthy, startBenchServer } from "./http-throughput.ts";

export type FirstScreenFigure = {
  screen: "sign-in" | "sessions list";
  lcpMs: number;
  tbtMs: number;
  /** Everything transferred, compressed as sent. */
  kb: number;
  /** JavaScript transferred before the screen showed. */
  jsKb: number;
  requests: number;
};

// FIRST_SCREEN_LOADS=7 for a steadier median; WATERFALL=1 prints each load's requests.
const LOADS = Number(process.env.FIRST_SCREEN_LOADS ?? 3);
const waterfall = process.env.WATERFALL === "1";
const PASSWORD = "a first screen on a slow phone";
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 180 * 1024, uploadThroughput: 84 * 1024 };

// Collected in the page from its very start: LCP candidates, long tasks, first paint.
const OBSERVE = `
  window.__firstScreen = { lcp: 0, fcp: 0, tasks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__firstScreen.lcp = e.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__firstScreen.tasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") window.__firstScreen.fcp = e.startTime;
  }).observe({ type: "paint", buffered: true });
`;

export async function benchFirstScreen(): Promise<FirstScreenFigure[]> {
  await buildClient();
  const database = freshDatabase("first-screen");
  const now = new Date();
  fillSessions(database.file, { sessions: 1_000, due: 0, now });
  const db = createDb(database.url);
  await db.user.create({
    data: {
      email: "phone@bench.test",
      displayName: "Phone",
      passwordHash: await hashPassword(PASSWORD),
      emailVerifiedAt: now,
    },
  });
  await db.$disconnect();
  const port = await freePort();
  const server = startBenchServer("src/main.ts", { DATABASE_URL: database.url, PORT: String(port) });
  const browser = await launch();
  try {
    await healthy(port);
    const origin = `http://127.0.0.1:${port}`;
    // Sign in once, unthrottled, to get the cookie the cold signed-in loads carry.
    const signingIn = await browser.newContext();
    const page = await signingIn.newPage();
    await page.goto(`${origin}/sign-in`);
    await page.getByLabel("Email").fill("phone@bench.test");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Upcoming sessions" }).waitFor();
    const signedIn = await signingIn.storageState();
    await signingIn.close();

    const screens = [
      { screen: "sign-in", path: "/sign-in", state: undefined, shown: "#field-password" },
      { screen: "sessions list", path: "/", state: signedIn, shown: "article.card" },
    ] as const;
    const figures: FirstScreenFigure[] = [];
    for (const s of screens) {
      const loads: FirstScreenFigure[] = [];
      for (let i = 0; i < LOADS; i++) {
        const context = await browser.newContext({
          storageState: s.state,
          viewport: { width: 412, height: 823 },
          deviceScaleFactor: 1.75,
          isMobile: true,
        });
        const tab = await context.newPage();
        await tab.addInitScript(OBSERVE);
        const cdp = await context.newCDPSession(tab);
        await cdp.send("Network.enable");
        await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
        await cdp.send("Network.emulateNetworkConditions", FAST_3G);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
        const types = new Map<string, string>();
        const sizes: { type: string; bytes: number; at: number }[] = [];
        cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
        const started = Date.now();
        if (waterfall) {
          cdp.on("Network.requestWillBeSent", (e) => console.log(Date.now() - started, "ms asks", e.request.url));
          cdp.on("Network.loadingFinished", (e) =>
            console.log(Date.now() - started, "ms has", e.encodedDataLength, "B"),
          );
        }
        cdp.on("Network.loadingFinished", (e) =>
          sizes.push({ type: types.get(e.requestId) ?? "", bytes: e.encodedDataLength, at: Date.now() }),
        );
        await tab.goto(`${origin}${s.path}`, { waitUntil: "commit" });
        await tab.locator(s.shown).first().waitFor({ timeout: 60_000 });
        const shownAt = Date.now();
        await pause(1_500); // late long tasks and a final LCP candidate
        const seen = (await tab.evaluate("window.__firstScreen")) as {
          lcp: number;
          fcp: number;
          tasks: [number, number][];
        };
        if (waterfall) console.log({ fcp: seen.fcp, lcp: seen.lcp, longTasks: seen.tasks });
        const blocking = seen.tasks
          .filter(([start]) => start >= seen.fcp)
          .reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
        const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
        loads.push({
          screen: s.screen,
          lcpMs: Math.round(seen.lcp),
          tbtMs: Math.round(blocking),
          kb: kb(sizes.reduce((sum, r) => sum + r.bytes, 0)),
          jsKb: kb(sizes.filter((r) => r.type === "Script" && r.at <= shownAt).reduce((sum, r) => sum + r.bytes, 0)),
          requests: sizes.length,
        });
        await context.close();
      }
      figures.push(median(loads));
    }
    return figures;
  } finally {
    await browser.close();
    await stop(server);
    database.dispose();
  }
}

/** Each figure's median over the loads, on its own. */
function median(loads: FirstScreenFigure[]): FirstScreenFigure {
  const mid = (pick: (f: FirstScreenFigure) => number) => loads.map(pick).sort((a, b) => a - b)[loads.length >> 1] ?? 0;
  return {
    screen: loads[0]?.screen ?? "sign-in",
    lcpMs: mid((f) => f.lcpMs),
    tbtMs: mid((f) => f.tbtMs),
    kb: mid((f) => f.kb),
    jsKb: mid((f) => f.jsKb),
    requests: mid((f) => f.requests),
  };
}

// `npx tsx bench/first-screen.ts` runs this part alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchFirstScreen());
}
