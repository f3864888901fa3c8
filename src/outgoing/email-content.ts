// What an email says, in a plain-text and an HTML part: rendered when it is sent, for
// its reader (their name, their time zone) and with the session as it is then.

import escapeHtml from "escape-html";
import { noticeBody, TYPE_LABELS } from "../notifications/notice-text.ts";
import { pollCodeOf } from "../polls/choices.ts";
import type { EmailContent } from "./queue.ts";

export type EmailReader = { displayName: string; timeZone: string };
export type EmailSession = {
  id: string;
  title: string;
  startsAt: Date;
  joinCode: string;
  venue: { name: string; address: string | null; onlineUrl: string | null } | null;
};
export type RenderedEmail = { subject: string; text: string; html: string; headers: Record<string, string> };

/** "Saturday 14 March 2026 at 23:45 GMT+5:45": a time as its reader lives it. */
export function formatInZone(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(date);
}

/** One block of the email: lines of text, each optionally a link. */
type Line = { text: string; href?: string };

function render(subject: string, paragraphs: Line[][], footer: Line[]): { text: string; html: string } {
  // A link's words lead to its address in text ("Sign in: https://…"); in HTML they are the link.
  const textOf = (line: Line) => (line.href ? `${line.text.replace(/:?$/, ":")} ${line.href}` : line.text);
  const htmlOf = (line: Line) =>
    line.href
      ? `<a href="${escapeHtml(line.href)}">${escapeHtml(line.text.replace(/:$/, ""))}</a>`
      : escapeHtml(line.text);
  const text = [...paragraphs, footer]
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.map(textOf).join("\n"))
    .join("\n\n");
  const html = [
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2328; max-width: 36rem">',
    ...paragraphs.filter((lines) => lines.length > 0).map((lines) => `<p>${lines.map(htmlOf).join("<br>")}</p>`),
    footer.length > 0 ? `<p style="color: #59636e; font-size: 0.875em">${footer.map(htmlOf).join("<br>")}</p>` : "",
    "</body></html>",
  ].join("\n");
  return { text, html };
}

/** The emails that carry a single-use link (auth/email-tokens.ts). */
const LINK_EMAILS = {
  verify_email: {
    path: "/verify-email",
    intro: "Confirm that this address is yours, so Quorum can email you about your sessions:",
    action: "Confirm my address",
    outro: "The link works for 24 hours. If you did not ask for this, ignore this email.",
  },
  reset_password: {
    path: "/reset-password",
    intro: "Someone (we hope you) asked to reset your Quorum password. Choose a new one here:",
    action: "Choose a new password",
    outro:
      "The link works once, for an hour. If you did not ask for this, ignore this email: your password stays as it is.",
  },
  finish_sign_up: {
    path: "/welcome",
    intro: "Welcome to Quorum. To finish creating your account, choose your password here:",
    action: "Choose my password",
    outro: "The link works once, for 24 hours. If you did not sign up for Quorum, ignore this email: nothing happens.",
  },
};

export type EmailLinks = { publicUrl: string; unsubscribeUrl: string | null };

/** A poll's notice without a session (a poll opened, or closed without a date) links to the poll. */
function pollLines(data: unknown, links: EmailLinks): Line[] {
  const pollCode = pollCodeOf(data);
  return pollCode ? [{ text: "Open the poll:", href: `${links.publicUrl}/polls/${pollCode}` }] : [];
}

export function renderEmail(
  message: { kind: string; subject: string; content: EmailContent },
  reader: EmailReader,
  session: EmailSession | null,
  links: EmailLinks,
): RenderedEmail {
  const { content } = message;
  const greeting = [{ text: `Hello ${reader.displayName},` }];
  if (content.kind === "account_exists") {
    const paragraphs = [
      greeting,
      [{ text: "Someone (we hope you) tried to create a Quorum account with this address, which already has one." }],
      [
        { text: "Sign in:", href: `${links.publicUrl}/sign-in` },
        { text: "Forgot your password? Choose a new one:", href: `${links.publicUrl}/forgot-password` },
      ],
      [{ text: "If it was not you, ignore this email: nothing has changed." }],
    ];
    return { subject: message.subject, headers: {}, ...render(message.subject, paragraphs, []) };
  }
  if (content.kind !== "notification") {
    const { path, intro, action, outro } = LINK_EMAILS[content.kind];
    const returnTo = content.returnTo ? `&next=${encodeURIComponent(content.returnTo)}` : "";
    const href = `${links.publicUrl}${path}?token=${encodeURIComponent(content.token)}${returnTo}`;
    return {
      subject: message.subject,
      headers: {},
      ...render(message.subject, [greeting, [{ text: intro }], [{ text: action, href }], [{ text: outro }]], []),
    };
  }
  const at = (date: Date) => formatInZone(date, reader.timeZone);
  const body = noticeBody({ type: message.kind, body: content.body, data: content.data }, at);
  const sessionLines: Line[] = session
    ? [
        { text: session.title },
        { text: `When: ${at(session.startsAt)} (${reader.timeZone.replaceAll("_", " ")})` },
        ...(session.venue
          ? [
              { text: `Where: ${[session.venue.name, session.venue.address].filter(Boolean).join(", ")}` },
              ...(session.venue.onlineUrl ? [{ text: "Online:", href: session.venue.onlineUrl }] : []),
            ]
          : []),
        message.kind === "last_call"
          ? { text: "Join it:", href: `${links.publicUrl}/join/${session.joinCode}` }
          : { text: "Open the session:", href: `${links.publicUrl}/sessions/${session.id}` },
      ]
    : pollLines(content.data, links);
  const footer: Line[] = links.unsubscribeUrl
    ? [
        { text: `You get this email because of your setting for "${TYPE_LABELS[message.kind] ?? message.kind}".` },
        { text: "Stop these emails:", href: links.unsubscribeUrl },
        { text: "All your notification settings:", href: `${links.publicUrl}/settings` },
      ]
    : [];
  return {
    subject: message.subject,
    // RFC 8058: a mail client offers "unsubscribe" and POSTs to the URL in one click.
    headers: links.unsubscribeUrl
      ? { "List-Unsubscribe": `<${links.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
      : {},
    ...render(
      message.subject,
      [greeting, [{ text: content.title }, ...(body ? [{ text: body }] : [])], sessionLines],
      footer,
    ),
  };
}
