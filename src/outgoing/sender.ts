// The outgoing job: sends what the outbox holds (emails, Discord posts), in every
// process, each message at most once.
//
// The guarantee: a message is claimed (status "sending", committed) before it is handed
// over and its outcome recorded after. Two processes cannot claim the same message (the
// claim is one conditional UPDATE). A process that dies between claim and outcome leaves
// the message "sending"; once the claim is older than any hand-over can take, it is
// marked failed ("may or may not have arrived") and never sent again on its own: no one
// gets a message twice, and an admin sees the few that might be lost (and can send them
// again). Failures that certainly delivered nothing (the server could not be reached,
// or answered 4xx, or Discord's 429) are retried with backoff; a permanent refusal
// (5xx) is not.
import type { Db } from "../db/client.ts";
import type { OutgoingMessage, Prisma } from "../generated/prisma/client.ts";
import type { NotificationType } from "../generated/prisma/enums.ts";
import { unsubscribeToken } from "../notifications/unsubscribe.ts";
import type { Services } from "../services.ts";
import { cancelDeadline } from "../sessions/deadline.ts";
import { deliverDiscordPost } from "./discord.ts";
import { type EmailSession, renderEmail } from "./email-content.ts";
import type { EmailContent } from "./queue.ts";

/** As many as the mailer's pool has connections: a claimed message is handed over at once. */
const BATCH = 5;
const MAX_PER_RUN = 1_000;
/** A run claims no more after this long; the next run goes on. */
const MAX_RUN_MS = 60_000;
export const MAX_ATTEMPTS = 10;
/** Longer than any hand-over can take (the mailer's and Discord's timeouts are well under it). */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;
const MINUTE = 60_000;

/** How a hand-over went: delivered, or why not and whether trying again can help. */
export type Delivery =
  | { outcome: "sent" }
  | { outcome: "retry"; reason: string; retryAfterMs?: number }
  | { outcome: "failed" | "skipped"; reason: string };

export type OutgoingDeps = Pick<Services, "db" | "config" | "processId" | "mailer" | "log">;

export type SendReport = { sent: number; retrying: number; failed: number; skipped: number; interrupted: number };

export async function sendOutgoing(deps: OutgoingDeps, now: Date): Promise<SendReport> {
  const report: SendReport = { sent: 0, retrying: 0, failed: 0, skipped: 0, interrupted: 0 };
  report.interrupted = await giveUpInterrupted(deps.db, now);
  const started = performance.now();
  // The clock as it moves during the run: a claim is stamped when it is made, so a long
  // run's later claims never look stale to another process.
  const clock = () => new Date(now.getTime() + (performance.now() - started));
  for (let handled = 0; handled < MAX_PER_RUN && performance.now() - started < MAX_RUN_MS; ) {
    const claimed = await claim(deps, clock());
    if (claimed.length === 0) break;
    handled += claimed.length;
    const context = await loadContext(deps.db, claimed);
    await Promise.all(
      claimed.map(async (message) => {
        try {
          const delivery = await deliver(deps, message, context, now);
          report[await record(deps, message, delivery, now)] += 1;
        } catch (error) {
          // One message's trouble (its record could not be written) is not the batch's.
          deps.log.error({ err: error, messageId: message.id }, "A message's outcome could not be recorded");
        }
      }),
    );
  }
  return report;
}

async function giveUpInterrupted(db: Db, now: Date): Promise<number> {
  const { count } = await db.outgoingMessage.updateMany({
    where: { status: "sending", claimedAt: { lt: new Date(now.getTime() - CLAIM_TIMEOUT_MS) } },
    data: {
      status: "failed",
      lastError:
        "A server process stopped while handing this message over, so it may or may not have arrived. It was not sent again, so that no one gets it twice.",
    },
  });
  return count;
}

/** Takes up to BATCH due messages for this process; a message another process took first is not among them. */
async function claim(deps: OutgoingDeps, now: Date): Promise<OutgoingMessage[]> {
  const due = await deps.db.outgoingMessage.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  if (due.length === 0) return [];
  return deps.db.outgoingMessage.updateManyAndReturn({
    where: { id: { in: due.map((m) => m.id) }, status: "pending" },
    data: { status: "sending", claimedBy: deps.processId, claimedAt: now, attempts: { increment: 1 } },
  });
}

type Context = Awaited<ReturnType<typeof loadContext>>;

async function loadContext(db: Db, messages: OutgoingMessage[]) {
  const userIds = [...new Set(messages.flatMap((m) => (m.userId ? [m.userId] : [])))];
  const sessionIds = [...new Set(messages.flatMap((m) => (m.gameSessionId ? [m.gameSessionId] : [])))];
  const [users, sessions] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true, timeZone: true } }),
    db.gameSession.findMany({
      where: { id: { in: sessionIds } },
      select: {
        id: true,
        title: true,
        startsAt: true,
        status: true,
        joinCode: true,
        minPlayers: true,
        maxPlayers: true,
        playerCount: true,
        venue: { select: { name: true, address: true, onlineUrl: true } },
      },
    }),
  ]);
  return { users: new Map(users.map((u) => [u.id, u])), sessions: new Map(sessions.map((s) => [s.id, s])) };
}

export type SessionForMessage = EmailSession & {
  status: string;
  minPlayers: number;
  maxPlayers: number;
  playerCount: number;
};

/** Why a message about a session should no longer go out, if it should not. */
function staleReason(kind: string, session: SessionForMessage | undefined, deps: OutgoingDeps, now: Date) {
  if (!session) return null;
  if (kind === "session_reminder") {
    if (session.status !== "scheduled") return "Not sent: the session is no longer on.";
    if (session.startsAt <= now) return "Not sent: the session had already started.";
  }
  if (kind === "last_call") {
    if (session.status !== "scheduled") return "Not sent: the session was no longer open to join.";
    if (cancelDeadline(session.startsAt, deps.config.CANCEL_CUTOFF_MINUTES) <= now)
      return "Not sent: the session's deadline to fill had passed.";
  }
  return null;
}

async function deliver(deps: OutgoingDeps, message: OutgoingMessage, context: Context, now: Date): Promise<Delivery> {
  const session = message.gameSessionId ? context.sessions.get(message.gameSessionId) : undefined;
  const stale = staleReason(message.kind, session, deps, now);
  if (stale) return { outcome: "skipped", reason: stale };
  try {
    if (message.channel === "discord") {
      if (!session) return { outcome: "skipped", reason: "Not sent: the session no longer exists." };
      return await deliverDiscordPost(deps.config, message, session);
    }
    const reader = message.userId ? context.users.get(message.userId) : undefined;
    if (!reader) return { outcome: "skipped", reason: "Not sent: the account no longer exists." };
    const content = message.content as EmailContent;
    const unsubscribeUrl =
      content.kind === "notification"
        ? `${deps.config.PUBLIC_URL}/unsubscribe?token=${await unsubscribeToken(deps.db, reader.id, message.kind as NotificationType)}`
        : null;
    const email = renderEmail({ kind: message.kind, subject: message.subject, content }, reader, session ?? null, {
      publicUrl: deps.config.PUBLIC_URL,
      unsubscribeUrl,
    });
    await deps.mailer.send(message.id, message.recipient, email);
    return { outcome: "sent" };
  } catch (error) {
    return smtpFailure(error);
  }
}

/** Failures before any conversation with the server: the message certainly did not leave. */
const NOT_CONNECTED = /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|Greeting never received/;

/**
 * nodemailer's errors. The server's answer decides when there is one: 4xx, try again;
 * 5xx, never. Without one, only a failure to connect is retried: a connection lost in
 * the middle may have delivered the message, and at most once means not again.
 */
function smtpFailure(error: unknown): Delivery {
  const { responseCode, code, message } = error as { responseCode?: number; code?: string; message?: string };
  const reason = message ?? String(error);
  if (typeof responseCode === "number") {
    // A refused login is the operator's to fix (SMTP_URL): keep the mail until they do.
    if (code === "EAUTH" || responseCode < 500) return { outcome: "retry", reason };
    return { outcome: "failed", reason };
  }
  if (code === "EDNS" || code === "EAUTH" || NOT_CONNECTED.test(reason)) return { outcome: "retry", reason };
  return {
    outcome: "failed",
    reason: `The connection to the mail server broke while handing this message over, so it may or may not have arrived; it was not sent again, so that no one gets it twice. (${reason})`,
  };
}

/** 1, 2, 4 … minutes between attempts, at most an hour. */
export const backoffMs = (attempts: number) => Math.min(MINUTE * 2 ** (attempts - 1), 60 * MINUTE);

async function record(
  deps: OutgoingDeps,
  message: OutgoingMessage,
  delivery: Delivery,
  now: Date,
): Promise<keyof SendReport> {
  // Only while this process's claim stands (it was not given up on as interrupted).
  const mine = { id: message.id, status: "sending" as const, claimedBy: deps.processId };
  const settle = (data: Prisma.OutgoingMessageUpdateManyMutationInput) =>
    deps.db.outgoingMessage.updateMany({ where: mine, data });
  switch (delivery.outcome) {
    case "sent": {
      // Once sent, a sign-in link has no business staying in the database.
      const secret = (message.content as EmailContent).kind !== "notification" && message.channel === "email";
      await settle({ status: "sent", sentAt: now, ...(secret ? { content: { kind: "sent" } } : {}) });
      return "sent";
    }
    case "skipped":
      await settle({ status: "skipped", lastError: delivery.reason });
      return "skipped";
    case "retry":
      if (message.attempts < MAX_ATTEMPTS) {
        const waitMs = delivery.retryAfterMs ?? backoffMs(message.attempts);
        await settle({
          status: "pending",
          lastError: delivery.reason,
          nextAttemptAt: new Date(now.getTime() + waitMs),
        });
        return "retrying";
      }
      return fail(`Gave up after ${message.attempts} attempts: ${delivery.reason}`);
    case "failed":
      return fail(delivery.reason);
  }
  async function fail(reason: string): Promise<"failed"> {
    await settle({ status: "failed", lastError: reason });
    deps.log.warn({ messageId: message.id, kind: message.kind, reason }, "A message was given up on");
    return "failed";
  }
}

/** Sent and skipped messages are kept 30 days (what went out, for an admin); failed ones until retried. */
export async function forgetOldMessages(db: Db, now: Date): Promise<number> {
  const { count } = await db.outgoingMessage.deleteMany({
    where: { status: { in: ["sent", "skipped"] }, createdAt: { lt: new Date(now.getTime() - 30 * 24 * 60 * MINUTE) } },
  });
  return count;
}
