// Two server processes behind a real nginx, as an operator runs them: a browser on the
// proxy sees changes made through either process live, and when one process is killed
// with SIGKILL under write load, no acknowledged write is lost, the other keeps
// serving, and live streams reconnect through the proxy and resume.
// (PostgreSQL only: several processes need it.)
import type { ChildProcess } from "node:child_process";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/auth/api-tokens.ts";
import type { AuthUser } from "../../src/auth/lucia.ts";
import { createTestApp, TEST_PASSWORD, type TestApp } from "../app.ts";
import { checkScreen, haveChromium, LAPTOP, launch } from "../e2e/browser.ts";
import { tokenClient } from "../http-client.ts";
import { freePort, pause, printed, startTs, stop, waitFor } from "../processes.ts";
import { testProvider } from "../setup/test-database.ts";
import { haveNginx, startNginx } from "./nginx.ts";

describe.runIf(testProvider === "postgresql" && haveNginx)("two processes behind nginx", () => {
  let app: TestApp;
  let servers: ChildProcess[] = [];
  let direct: string[] = [];
  let metrics: string[] = [];
  let proxy: Awaited<ReturnType<typeof startNginx>>;

  /** How many session.onChanged streams server `i` holds, from its own metrics. */
  const sessionStreamsOn = async (i: number) => {
    const body = await (await fetch(metrics[i]!)).text();
    return Number(body.match(/^quorum_open_streams\{procedure="session\.onChanged"\} (\d+)$/m)?.[1] ?? 0);
  };
  const tokenFor = async (user: AuthUser) => (await createApiToken(app.db, user.id, "proxy test")).token;

  beforeAll(async () => {
    app = await createTestApp({}, { realClock: true });
    const ports = [await freePort(), await freePort()];
    const metricsPorts = [await freePort(), await freePort()];
    direct = ports.map((port) => `http://127.0.0.1:${port}`);
    metrics = metricsPorts.map((port) => `http://127.0.0.1:${port}/metrics`);
    servers = ports.map((port, i) =>
      startTs("src/main.ts", {
        METRICS_PORT: String(metricsPorts[i]),
        DATABASE_URL: app.config.DATABASE_URL,
        PORT: String(port),
        HOST: "127.0.0.1",
        TRUST_PROXY: "1",
        // The browser reaches the app on the proxy's address.
        PUBLIC_URL: "http://127.0.0.1",
      }),
    );
    await Promise.all(servers.map((server) => printed(server, "listening")));
    proxy = await startNginx(
      await freePort(),
      ports.map((port) => `127.0.0.1:${port}`),
    );
  }, 60_000);

  afterAll(async () => {
    await proxy?.stop();
    await Promise.all(servers.map(stop));
    await app.close();
  });

  it.runIf(haveChromium)(
    "a browser on the proxy sees seats taken through each process, live",
    {
      timeout: 60_000,
    },
    async () => {
      const { id } = await app.given.session({ seats: 4, minPlayers: 1 });
      const viewer = await app.given.user({ name: "Vera Viewer" });
      let browser: Browser | undefined;
      try {
        browser = await launch();
        const page = await (await browser.newContext({ viewport: LAPTOP })).newPage(); // axe opens a page beside it
        await page.goto(`${proxy.url}/sign-in?next=${encodeURIComponent(`/sessions/${id}`)}`);
        await page.getByLabel("Email").fill(viewer.email);
        await page.getByLabel("Password").fill(TEST_PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        await expect.poll(() => page.getByTestId("seats").textContent()).toBe("0/4");
        // One join straight through each process: whichever serves the page's stream,
        // one of them is the other process.
        for (const [i, url] of direct.entries()) {
          await tokenClient(url, await tokenFor(await app.given.user())).participant.join.mutate({ sessionId: id });
          await expect.poll(() => page.getByTestId("seats").textContent()).toBe(`${i + 1}/4`);
        }
        await checkScreen(page, "behind-nginx-session");
      } finally {
        await browser?.close();
      }
    },
  );

  it("SIGKILL of one process under write load: acknowledged writes kept, the other serves, streams resume", {
    timeout: 90_000,
  }, async () => {
    const { id } = await app.given.session({ seats: 50, minPlayers: 1 });
    const watcher = tokenClient(proxy.url, await tokenFor(await app.given.user()));
    const seen: number[] = [];
    const stream = watcher.session.onChanged.subscribe(
      { sessionId: id },
      { onData: (event) => seen.push(event.data.playerCount) },
    );
    const writer = tokenClient(proxy.url, await tokenFor(await app.given.user()));
    const acknowledged: string[] = [];
    let failures = 0;
    let writing = true;
    const writers = [0, 1, 2, 3].map(async (w) => {
      for (let i = 0; writing; i++) {
        try {
          acknowledged.push((await writer.scenario.create.mutate({ title: `w${w}-${i}`, gameSystem: "load" })).id);
        } catch {
          failures += 1; // in flight on the killed process: never acknowledged
        }
      }
    });
    try {
      await waitFor(seen, (count) => count === 0);
      // Kill the process that serves the stream, so the stream must move.
      const holder = (await sessionStreamsOn(0)) === 1 ? 0 : 1;
      expect(await sessionStreamsOn(holder)).toBe(1);
      const survivor = 1 - holder;
      while (acknowledged.length < 100) await pause(10);
      servers[holder]!.kill("SIGKILL");
      const killedAt = acknowledged.length;
      // The survivor keeps serving writes through the proxy.
      while (acknowledged.length < killedAt + 100) await pause(10);
      // Seats taken after the kill reach the stream, which reconnected to the survivor.
      for (let i = 1; i <= 3; i++) {
        await tokenClient(proxy.url, await tokenFor(await app.given.user())).participant.join.mutate({
          sessionId: id,
        });
      }
      await waitFor(seen, (count) => count === 3, 20_000);
      expect(seen.filter((count, i) => i > 0 && count < seen[i - 1]!)).toEqual([]); // never backwards
      expect(await sessionStreamsOn(survivor)).toBe(1); // the stream reconnected there
    } finally {
      writing = false;
      await Promise.all(writers);
      stream.unsubscribe();
    }
    const stored = await app.db.scenario.findMany({ where: { id: { in: acknowledged } }, select: { id: true } });
    expect(stored.length).toBe(acknowledged.length);
    expect(failures).toBeLessThan(20);
    expect(
      (
        await Promise.all(
          direct.map((url) =>
            fetch(`${url}/healthz`).then(
              (r) => r.status,
              () => 0,
            ),
          ),
        )
      ).sort(),
    ).toEqual([0, 200]);
  });
});
