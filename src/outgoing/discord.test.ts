import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, HOUR } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import { sendLastCalls } from "../jobs/last-call.ts";
import { sendDueReminders } from "../jobs/reminders.ts";
import { sendOutgoing } from "./sender.ts";

// A local server stands in for Discord; the setting lists its address (and "localhost",
// to show a listed name that resolves to loopback is still refused).
type Post = {
  path: string;
  body: { embeds: { title: string; url: string; fields: { name: string; value: string }[] }[] };
};
const posts: Post[] = [];
let answers: { status: number; body: object }[] = [];
const webhook = createServer((req: IncomingMessage, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const answer = answers.shift() ?? { status: 204, body: {} };
    if (answer.status < 300) posts.push({ path: req.url ?? "", body: JSON.parse(Buffer.concat(chunks).toString()) });
    res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
  });
});
await new Promise<void>((resolve) => webhook.listen(0, "127.0.0.1", resolve));
const { port } = webhook.address() as AddressInfo;
const hookUrl = `http://127.0.0.1:${port}/api/webhooks/1/secret`;

const app = await createTestApp({ DISCORD_WEBHOOK_HOSTS: "127.0.0.1,localhost" });
afterAll(async () => {
  await app.close();
  await new Promise((resolve) => webhook.close(resolve));
});
beforeEach(async () => {
  posts.length = 0;
  answers = [];
  await app.db.outgoingMessage.deleteMany();
});

const send = () => sendOutgoing(app.services, app.clock.now);

describe("Discord", () => {
  it("posts a campaign's new sessions, last calls, reminders and cancellations as embeds with Discord timestamps", async () => {
    const gm = await app.given.user();
    const campaign = await app.as(gm).campaign.create({ title: "Out of the Abyss" });
    await app.as(gm).campaign.update({ campaignId: campaign.id, discordWebhookUrl: hookUrl });
    const startsAt = new Date(app.clock.now.getTime() + 30 * HOUR);
    const session = await app.as(gm).session.create({
      title: "The Underdark",
      campaignId: campaign.id,
      startsAt,
      minPlayers: 2,
      maxPlayers: 5,
      reminderMinutes: [120],
    });
    expect(await send()).toMatchObject({ sent: 1 });
    const unix = startsAt.getTime() / 1000;
    expect(posts[0]).toEqual({
      path: "/api/webhooks/1/secret",
      body: {
        allowed_mentions: { parse: [] },
        embeds: [
          {
            title: 'New session: "The Underdark"',
            url: `${app.config.PUBLIC_URL}/join/${session.joinCode}`,
            color: expect.any(Number),
            fields: [
              { name: "When", value: `<t:${unix}:F> (<t:${unix}:R>)` },
              { name: "Seats", value: "0 of 5 taken, needs 2 more players" },
            ],
          },
        ],
      },
    });

    app.advance(5 * HOUR); // a day before the deadline (an hour before the start)
    await sendLastCalls(app.services, app.clock.now);
    await send();
    app.advance(23 * HOUR); // two hours before the start
    await sendDueReminders(app.services, app.clock.now);
    await send();
    await app.as(gm).session.cancel({ sessionId: session.id });
    await send();
    expect(posts.slice(1).map((p) => p.body.embeds[0]?.title)).toEqual([
      '"The Underdark" needs 2 more players.',
      '"The Underdark" starts in 2 hours.',
      '"The Underdark" was cancelled.',
    ]);
  });

  it("honours a 429's retry_after, and retries a 5xx with backoff", async () => {
    const gm = await app.given.user();
    answers = [
      { status: 429, body: { message: "You are being rate limited.", retry_after: 2.5, global: false } },
      { status: 502, body: {} },
    ];
    await app.as(gm).session.create({
      title: "Rate limited",
      startsAt: new Date(app.clock.now.getTime() + 48 * HOUR),
      discordWebhookUrl: hookUrl,
    });
    expect(await send()).toMatchObject({ retrying: 1 });
    const [waiting] = await app.db.outgoingMessage.findMany();
    expect(waiting!.nextAttemptAt.getTime() - app.clock.now.getTime()).toBe(2_500);
    app.advance(2_500);
    expect(await send()).toMatchObject({ retrying: 1 });
    app.advance(2 * 60_000);
    expect(await send()).toMatchObject({ sent: 1 });
    expect(posts.map((p) => p.body.embeds[0]?.title)).toEqual(['New session: "Rate limited"']);
  });

  it("refuses webhook URLs off the listed hosts, and never connects to a private address a listed name resolves to", async () => {
    const gm = await app.given.user();
    const create = (discordWebhookUrl: string) =>
      app.as(gm).session.create({
        title: "SSRF",
        startsAt: new Date(app.clock.now.getTime() + 48 * HOUR),
        discordWebhookUrl,
      });
    for (const url of [
      "http://10.0.0.7/api/webhooks/1/x",
      "http://169.254.169.254/latest/meta-data",
      "https://discord.com.evil.test/api/webhooks/1/x",
      "https://user:pass@127.0.0.1/api/webhooks/1/x",
      "not a url",
    ]) {
      await expectRefusal(create(url), "BAD_REQUEST", /Discord|webhook/i);
    }
    const campaign = await app.as(gm).campaign.create({ title: "C" });
    await expectRefusal(
      app.as(gm).campaign.update({ campaignId: campaign.id, discordWebhookUrl: "http://192.168.1.1/hook" }),
      "BAD_REQUEST",
    );
    // "localhost" is listed, but it is a loopback address, which only a listed IP may be.
    await create(`https://localhost:${port}/api/webhooks/1/secret`);
    expect(await send()).toMatchObject({ sent: 0, retrying: 1 });
    const [refused] = await app.db.outgoingMessage.findMany();
    expect(refused?.lastError).toMatch(/could not be reached/);
    expect(posts).toEqual([]);
  });

  it("shows the webhook URL to the GM only", async () => {
    const gm = await app.given.user();
    const player = await app.given.user();
    const session = await app.as(gm).session.create({
      title: "Secret hook",
      startsAt: new Date(app.clock.now.getTime() + 48 * HOUR),
      minPlayers: 1,
      discordWebhookUrl: hookUrl,
    });
    expect(session.discordWebhookUrl).toBe(hookUrl);
    await app.given.join(session.id, player);
    expect((await app.as(player).session.byId({ sessionId: session.id })).discordWebhookUrl).toBeNull();
  });
});
