// Link previews (src/http/link-preview.ts): the tags a chat app reads from a shared
// session or join link, only for what a signed-out visitor may see.
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientDistDir } from "../src/http/static-client.ts";
import { createServedTestApp } from "./app.ts";
import { signedInBrowser } from "./http-client.ts";

const app = await createServedTestApp();
const clientBuilt = existsSync(path.join(clientDistDir, "index.html"));

/** The page as a link-preview bot fetches it (optionally with a person's cookie), as text. */
async function pageAt(pathname: string, cookie?: string) {
  const response = await fetch(`${app.url}${pathname}`, {
    headers: { accept: "text/html", ...(cookie ? { cookie } : {}) },
  });
  expect(response.status).toBe(200);
  return response.text();
}
const tagsIn = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );

describe.runIf(clientBuilt)("link previews", () => {
  it("show a public session's title, time in UTC, seats, system and GM, escaped", async () => {
    const gm = await app.given.user({ name: "Dana" });
    const { id } = await app.given.session({
      host: gm,
      seats: 5,
      fields: { title: `Masks "of" <Nyarlathotep> & co`, gameSystem: "Call of Cthulhu 7e" },
    });
    await app.given.join(id, await app.given.user());
    const session = await app.db.gameSession.findUniqueOrThrow({ where: { id } });
    const when = `${new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "short", timeZone: "UTC" }).format(session.startsAt)} UTC`;
    const html = await pageAt(`/sessions/${id}`);
    expect(tagsIn(html)).toEqual({
      "og:site_name": "Quorum",
      "og:type": "website",
      "og:title": "Masks &quot;of&quot; &lt;Nyarlathotep&gt; &amp; co",
      "og:description": `${when} · 4 of 5 seats open · Call of Cthulhu 7e · GM Dana`,
      "og:url": `${app.services.config.PUBLIC_URL}/sessions/${id}`,
      "twitter:card": "summary",
      "twitter:title": "Masks &quot;of&quot; &lt;Nyarlathotep&gt; &amp; co",
      "twitter:description": `${when} · 4 of 5 seats open · Call of Cthulhu 7e · GM Dana`,
    });
    expect(when).toMatch(/ at \d\d:\d\d UTC$/);
  });

  it("show an unlisted session through its join link only, and never a campaign's, whoever asks", async () => {
    const gm = await app.given.user();
    const campaign = await app.as(gm).campaign.create({ title: "Closed" });
    const unlisted = await app.given.session({ host: gm, fields: { title: "Quiet Game", visibility: "unlisted" } });
    const kept = await app.given.session({ host: gm, fields: { title: "Members Game", campaignId: campaign.id } });
    const codeOf = async (id: string) => (await app.as(gm).session.byId({ sessionId: id })).joinCode as string;
    expect(tagsIn(await pageAt(`/sessions/${unlisted.id}`))).toEqual({});
    expect(tagsIn(await pageAt(`/join/${await codeOf(unlisted.id)}`))["og:title"]).toBe("Quiet Game");
    // The GM's own cookie does not put a members-only session into the page's preview.
    const cookie = (await (await signedInBrowser(app.url, gm)).cookies()).map((c) => `${c.key}=${c.value}`).join("; ");
    for (const page of [`/sessions/${kept.id}`, `/join/${await codeOf(kept.id)}`]) {
      const html = await pageAt(page, cookie);
      expect(tagsIn(html)).toEqual({});
      expect(html).not.toContain("Members Game");
    }
    expect(tagsIn(await pageAt("/sessions/no-such-session"))).toEqual({});
    expect(tagsIn(await pageAt("/join/%E0%A4%A"))).toEqual({});
  });
});
