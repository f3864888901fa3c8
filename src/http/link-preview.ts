// Link previews: a session or join link pasted in Discord, Slack or iMessage shows the
// game (Open Graph and Twitter tags in the page's head). The preview is what a
// signed-out visitor may see, whoever asks: a public session by its link, an unlisted
// one by its join link, never a session kept to its campaign.
import { TRPCError } from "@trpc/server";
import escapeHtml from "escape-html";
import type { Services } from "../services.ts";
import { getGameSession, getGameSessionByJoinCode } from "../sessions/queries.ts";

const SESSION_PATH = /^\/sessions\/([^/]+)$/;
const JOIN_PATH = /^\/join\/([^/]+)$/;

/** "Saturday 12 December 2026 at 19:00 UTC": the reader's zone is unknown, so the zone is said. */
const inUtc = (date: Date) =>
  `${new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "short", timeZone: "UTC" }).format(date)} UTC`;

/** The meta tags for this page, or "" when it shows no session a signed-out visitor may see. */
export async function linkPreviewTags({ db, config }: Pick<Services, "db" | "config">, path: string): Promise<string> {
  const sessionId = SESSION_PATH.exec(path)?.[1];
  const joinCode = JOIN_PATH.exec(path)?.[1];
  if (!sessionId && !joinCode) return "";
  const cutoff = config.CANCEL_CUTOFF_MINUTES;
  let session: Awaited<ReturnType<typeof getGameSession>>;
  try {
    // As nobody: the preview is public, whoever's cookie came with the request.
    session = sessionId
      ? await getGameSession(db, null, decodeURIComponent(sessionId), cutoff)
      : await getGameSessionByJoinCode(db, null, decodeURIComponent(joinCode as string).toUpperCase(), cutoff);
  } catch (error) {
    if (error instanceof TRPCError || error instanceof URIError) return "";
    throw error;
  }
  const seats =
    session.openSeats > 0
      ? `${session.openSeats} of ${session.maxPlayers} seats open`
      : `Full, ${session.waitlistCount} on the waitlist`;
  const description = [
    session.status === "scheduled" ? inUtc(session.startsAt) : `${inUtc(session.startsAt)} (${session.status})`,
    seats,
    session.gameSystem,
    `GM ${session.host.displayName}`,
  ]
    .filter(Boolean)
    .join(" · ");
  const tags: [string, string, string][] = [
    ["property", "og:site_name", "Quorum"],
    ["property", "og:type", "website"],
    ["property", "og:title", session.title],
    ["property", "og:description", description],
    ["property", "og:url", `${config.PUBLIC_URL}${path}`],
    ["name", "twitter:card", "summary"],
    ["name", "twitter:title", session.title],
    ["name", "twitter:description", description],
  ];
  return tags.map(([kind, name, content]) => `<meta ${kind}="${name}" content="${escapeHtml(content)}">`).join("");
}
