// The outbox of messages that leave Quorum: a row per email or Discord post, written in
// the transaction of the change it tells of (both are stored or neither), sent later by
// the outgoing job (sender.ts).
import type { Tx } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/** What an email says, rendered when it is sent (email-content.ts), in its reader's zone. */
export type EmailContent =
  | { kind: "notification"; title: string; body: string; data?: Prisma.InputJsonValue | null }
  | { kind: "verify_email" | "reset_password" | "finish_sign_up"; token: string; returnTo?: string }
  /** Someone tried to sign up with an address that has an account: told to its owner. */
  | { kind: "account_exists" };

export type QueuedEmail = {
  kind: string;
  to: string;
  userId: string;
  gameSessionId?: string | null;
  subject: string;
  content: EmailContent;
};

export async function queueEmails(tx: Tx, emails: QueuedEmail[], now: Date): Promise<void> {
  if (emails.length === 0) return;
  await tx.outgoingMessage.createMany({
    data: emails.map((email) => ({
      channel: "email" as const,
      kind: email.kind,
      recipient: email.to,
      userId: email.userId,
      gameSessionId: email.gameSessionId ?? null,
      subject: email.subject,
      content: email.content as Prisma.InputJsonValue,
      nextAttemptAt: now,
      createdAt: now,
    })),
  });
}

export type QueuedDiscordPost = { webhookUrl: string; kind: string; gameSessionId: string; subject: string };

/** A post to a Discord channel about a session; its embed is built when it is sent (discord.ts). */
export async function queueDiscordPosts(tx: Tx, posts: QueuedDiscordPost[], now: Date): Promise<void> {
  if (posts.length === 0) return;
  await tx.outgoingMessage.createMany({
    data: posts.map((post) => ({
      channel: "discord" as const,
      kind: post.kind,
      recipient: post.webhookUrl,
      gameSessionId: post.gameSessionId,
      subject: post.subject,
      content: {},
      nextAttemptAt: now,
      createdAt: now,
    })),
  });
}

/**
 * One Discord post per session that has a webhook (its own, else its campaign's);
 * `subjectOf` gives each its title.
 */
export async function queueSessionPosts(
  tx: Tx,
  sessionIds: string[],
  kind: string,
  subjectOf: (session: { id: string; title: string }) => string,
  now: Date,
): Promise<void> {
  if (sessionIds.length === 0) return;
  const sessions = [];
  // In slices: a sweep may cancel thousands at once, past the database's limit on parameters.
  for (let i = 0; i < sessionIds.length; i += 500) {
    sessions.push(
      ...(await tx.gameSession.findMany({
        where: {
          id: { in: sessionIds.slice(i, i + 500) },
          OR: [{ discordWebhookUrl: { not: null } }, { campaign: { discordWebhookUrl: { not: null } } }],
        },
        select: { id: true, title: true, discordWebhookUrl: true, campaign: { select: { discordWebhookUrl: true } } },
      })),
    );
  }
  await queueDiscordPosts(
    tx,
    sessions.flatMap((s) => {
      const webhookUrl = s.discordWebhookUrl ?? s.campaign?.discordWebhookUrl;
      return webhookUrl ? [{ webhookUrl, kind, gameSessionId: s.id, subject: subjectOf(s) }] : [];
    }),
    now,
  );
}
