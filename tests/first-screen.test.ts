// The page a browser loads carries its first screen's code and data (src/http/first-screen.ts):
// the person's own, nobody else's, safe inside the HTML, never stored by a shared cache.
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { FirstScreenData } from "../src/http/first-screen.ts";
import { clientDistDir } from "../src/http/static-client.ts";
import { transformer } from "../src/wire.ts";
import { createServedTestApp } from "./app.ts";
import { signedInBrowser } from "./http-client.ts";

const app = await createServedTestApp();
// Built by the global setup wherever the browser tests run (CI among them).
const clientBuilt = existsSync(path.join(clientDistDir, "index.html"));

function getPage(pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(`${app.url}${pathname}`, { headers: { accept: "text/html", ...headers }, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .once("error", reject);
  });
}

/** The data a page carries, read the way the client reads it. */
function dataIn(html: string): FirstScreenData {
  const match = html.match(/<script type="application\/json" id="first-screen">([^<]*)<\/script>/);
  if (!match?.[1]) throw new Error("the page carries no first-screen data");
  return transformer.output.deserialize(match[1]) as FirstScreenData;
}

async function cookieOf(user: { email: string }) {
  const browser = await signedInBrowser(app.url, user);
  return (await browser.cookies()).map((c) => `${c.key}=${c.value}`).join("; ");
}

describe.runIf(clientBuilt)("the page a browser loads", () => {
  it("shows a signed-out visitor the front page: public games with a seat open, nothing else", async () => {
    const open = await app.given.session({ fields: { title: "Open doors" } });
    const full = await app.given.session({ seats: 1, fields: { title: "Full house" } });
    await app.given.join(full.id, await app.given.user());
    await app.given.session({ fields: { title: "Unlisted den", visibility: "unlisted" } });
    const page = (await getPage("/")).body.toString();
    const data = dataIn(page);
    expect(data.me).toBeNull();
    expect(data.openGames?.items.map((s) => s.id)).toContain(open.id);
    expect(JSON.stringify(data)).not.toMatch(/Full house|Unlisted den/);
    expect(Object.keys(data).sort()).toEqual(["me", "openGames"]);
    // Any other page tells a signed-out visitor only that nobody is signed in.
    expect(dataIn((await getPage("/find")).body.toString())).toEqual({ me: null });
  });

  it("carries a signed-in person's own account and first page of sessions, private to them", async () => {
    const gm = await app.given.user({ name: "Ingrid" });
    const reader = await app.given.user({ name: "Olaf" });
    const { id } = await app.given.session({ host: gm });
    const page = await getPage("/", { cookie: await cookieOf(reader), "accept-encoding": "br" });
    expect(page.headers["content-encoding"]).toBe("br");
    expect(page.headers["cache-control"]).toBe("private, no-cache");
    expect(page.headers.vary).toMatch(/Cookie/);
    const data = dataIn(brotliDecompressSync(page.body).toString());
    expect(data.me?.id).toBe(reader.id);
    expect(data.account?.email).toBe(reader.email);
    expect(data.unreadCount).toBe(0);
    expect(data.upcomingSessions?.items.map((s) => s.id)).toContain(id);
    expect(data.openPolls).toEqual([]);
    // Another screen carries the account, not the sessions list.
    const other = dataIn((await getPage("/inbox", { cookie: await cookieOf(reader) })).body.toString());
    expect(other.me?.id).toBe(reader.id);
    expect(other.upcomingSessions).toBeUndefined();
  });

  it("keeps a title that looks like HTML inside the data", async () => {
    const gm = await app.given.user({ name: "Mallory" });
    const title = "</script><script>alert('hi')</script> & <b>friends</b>";
    const { client } = await signedInBrowser(app.url, gm);
    await client.session.create.mutate({ title, startsAt: new Date(app.clock.now.getTime() + 86_400_000) });
    const html = (await getPage("/", { cookie: await cookieOf(gm) })).body.toString();
    expect(html).not.toContain("<script>alert");
    expect(dataIn(html).upcomingSessions?.items.map((s) => s.title)).toContain(title);
  });

  it("names the landing screen's code for the browser to fetch beside the main bundle", async () => {
    const manifest = JSON.parse(readFileSync(path.join(clientDistDir, ".vite/manifest.json"), "utf8"));
    const sessionsChunk = manifest["routes/Sessions.tsx"].file as string;
    const signInChunk = manifest["routes/SignIn.tsx"].file as string;
    const frontPageChunk = manifest["routes/FrontPage.tsx"].file as string;
    const home = (await getPage("/", { cookie: await cookieOf(await app.given.user()) })).body.toString();
    expect(home).toContain(`<link rel="modulepreload" crossorigin href="/${sessionsChunk}">`);
    expect(home).not.toContain(signInChunk);
    expect(home).not.toContain(frontPageChunk);
    // Signed out, "/" is the front page.
    const front = (await getPage("/")).body.toString();
    expect(front).toContain(`<link rel="modulepreload" crossorigin href="/${frontPageChunk}">`);
    expect(front).not.toContain(sessionsChunk);
    const signIn = (await getPage("/sign-in?next=%2F")).body.toString();
    expect(signIn).toContain(`<link rel="modulepreload" crossorigin href="/${signInChunk}">`);
    expect(signIn).not.toContain(sessionsChunk);
  });

  it("leaves files and the API alone", async () => {
    const favicon = await getPage("/favicon.svg");
    expect(favicon.headers["content-type"]).toMatch(/svg/);
    expect(favicon.body.toString()).not.toContain("first-screen");
  });
});
