// The admin's view of the outbox: messages by status (the failed ones first of all,
// with why), and sending one again by hand.
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { Db } from "../db/client.ts";
import { after } from "../pagination.ts";
import type { OutgoingListInput } from "./inputs.ts";

export async function listOutgoing(db: Db, input: z.output<typeof OutgoingListInput>) {
  const rows = await db.outgoingMessage.findMany({
    where: { status: input.status },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...after(input.cursor ?? null),
    select: {
      id: true,
      channel: true,
      kind: true,
      recipient: true,
      subject: true,
      status: true,
      attempts: true,
      lastError: true,
      nextAttemptAt: true,
      sentAt: true,
      createdAt: true,
      gameSessionId: true,
    },
  });
  const items = rows.slice(0, input.limit).map((row) => ({
    ...row,
    // A webhook URL is a credential: show where it goes, not the key.
    recipient: row.channel === "discord" ? `${new URL(row.recipient).host} webhook` : row.recipient,
  }));
  return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
}

/** A failed message goes back in the queue, as if new: the admin has decided it is wanted. */
export async function retryOutgoing(db: Db, messageId: string, now: Date) {
  const { count } = await db.outgoingMessage.updateMany({
    where: { id: messageId, status: "failed" },
    data: { status: "pending", attempts: 0, nextAttemptAt: now, claimedBy: null, claimedAt: null },
  });
  if (count === 0) {
    throw new TRPCError({ code: "CONFLICT", message: "Only a message that failed can be sent again." });
  }
  return { queued: true };
}
