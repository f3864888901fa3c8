// Posts to a Discord channel through its webhook: an embed whose time is Discord's
// <t:…:F> stamp, which each reader's app shows in their own zone. Requests go only to
// the hosts in DISCORD_WEBHOOK_HOSTS, and never to a private or loopback address unless
// that address itself is listed (a test's local server): a webhook URL cannot be used to
// reach the inside of the network (SSRF).
import { request } from "node:http";
import { request as requestTls } from "node:https";
import { isIP } from "node:net";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import type { Config } from "../config.ts";
import { plural } from "../plural.ts";
import { playersNeeded } from "../sessions/deadline.ts";
import { refuseField } from "../validation.ts";
import type { Delivery, SessionForMessage } from "./sender.ts";

type WebhookHosts = Pick<Config, "DISCORD_WEBHOOK_HOSTS">;
const TIMEOUT_MS = 15_000;

/** Why a webhook URL cannot be used, in a sentence; null when it can. */
export function webhookUrlProblem(url: string, config: WebhookHosts): string | null {
  if (!URL.canParse(url)) return "Paste the whole webhook URL, starting with https://.";
  const { protocol, hostname, username, password } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (!config.DISCORD_WEBHOOK_HOSTS.includes(host)) {
    return `Use a Discord webhook URL (on ${config.DISCORD_WEBHOOK_HOSTS.join(" or ")}).`;
  }
  if (username || password) return "A webhook URL carries no user name or password.";
  // Plain http only to a listed address on this machine or network (a test's own server).
  if (protocol !== "https:" && !(protocol === "http:" && isIP(host))) {
    return "Use the webhook URL as Discord gives it, starting with https://.";
  }
  return null;
}

/** For the procedures that set a webhook: a refusal shown beside the field. */
export function assertWebhookUsable(url: string | null | undefined, config: WebhookHosts) {
  const problem = url ? webhookUrlProblem(url, config) : null;
  if (problem) throw refuseField("discordWebhookUrl", problem);
}

/** The webhook's JSON body (Discord's "execute webhook"). */
export function discordPayload(kind: string, subject: string, session: SessionForMessage, publicUrl: string) {
  const unix = Math.floor(session.startsAt.getTime() / 1000);
  const needed = playersNeeded(session);
  const seats = `${session.playerCount} of ${session.maxPlayers} taken${needed > 0 ? `, needs ${plural(needed, "more player")}` : ""}`;
  const link =
    kind === "last_call" || kind === "session_created"
      ? `${publicUrl}/join/${session.joinCode}`
      : `${publicUrl}/sessions/${session.id}`;
  return {
    // Names in titles are text, never pings.
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: subject.slice(0, 256),
        url: link,
        color: kind === "session_cancelled" ? 0xd1242f : kind === "last_call" ? 0xbf8700 : 0x0969da,
        fields: [
          { name: "When", value: `<t:${unix}:F> (<t:${unix}:R>)` },
          { name: "Seats", value: seats },
          ...(session.venue ? [{ name: "Where", value: session.venue.name.slice(0, 1024) }] : []),
        ],
      },
    ],
  };
}

/** Sends one post; a 429 is retried after Discord's retry_after, a 5xx with backoff. */
export async function deliverDiscordPost(
  config: Pick<Config, "DISCORD_WEBHOOK_HOSTS" | "PUBLIC_URL">,
  message: { recipient: string; kind: string; subject: string },
  session: SessionForMessage,
): Promise<Delivery> {
  const problem = webhookUrlProblem(message.recipient, config);
  if (problem) return { outcome: "failed", reason: `The webhook URL was refused: ${problem}` };
  const body = JSON.stringify(discordPayload(message.kind, message.subject, session, config.PUBLIC_URL));
  try {
    const { status, headers, text } = await post(message.recipient, body);
    if (status >= 200 && status < 300) return { outcome: "sent" };
    if (status === 429) {
      return {
        outcome: "retry",
        reason: "Discord asked to slow down (429).",
        retryAfterMs: retryAfterMs(text, headers),
      };
    }
    if (status >= 500) return { outcome: "retry", reason: `Discord answered ${status}.` };
    return {
      outcome: "failed",
      reason: `Discord refused the post (${status}): is the webhook deleted? ${text.slice(0, 200)}`,
    };
  } catch (error) {
    const { message: reason, connected } = error as Error & { connected?: boolean };
    // Never connected: nothing was posted, try again. Lost after connecting: it may have
    // been posted, and at most once means not again.
    if (!connected) return { outcome: "retry", reason: `Discord could not be reached: ${reason}` };
    return {
      outcome: "failed",
      reason: `The connection to Discord broke during the post, so it may or may not have appeared: ${reason}`,
    };
  }
}

/** Discord's retry_after (seconds, in the body or the Retry-After header), within 1 s to an hour. */
function retryAfterMs(text: string, headers: Record<string, unknown>): number {
  let seconds = Number(headers["retry-after"]);
  try {
    const body = JSON.parse(text) as { retry_after?: unknown };
    if (typeof body.retry_after === "number") seconds = body.retry_after;
  } catch {
    // not JSON: the header, if any, says
  }
  return Number.isFinite(seconds) ? Math.min(Math.max(Math.ceil(seconds * 1000), 1_000), 3_600_000) : 1_000;
}

function post(url: string, body: string): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, "");
  // A listed IP address is allowed as itself; a name must resolve to public addresses.
  const filter = {
    allowIPAddressList: isIP(host) ? [host] : [],
    allowMetaIPAddress: false,
    allowPrivateIPAddress: false,
  };
  const tls = target.protocol === "https:";
  const send = tls ? requestTls : request;
  const agent = tls ? new RequestFilteringHttpsAgent(filter) : new RequestFilteringHttpAgent(filter);
  let connected = false;
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(Object.assign(error, { connected }));
    const req = send(
      target,
      {
        method: "POST",
        agent,
        timeout: TIMEOUT_MS,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }),
        );
        res.on("error", fail);
      },
    );
    req.on("socket", (socket) => socket.once(tls ? "secureConnect" : "connect", () => (connected = true)));
    req.on("timeout", () => req.destroy(new Error("Discord took too long to answer.")));
    req.on("error", fail);
    req.end(body);
  });
}
