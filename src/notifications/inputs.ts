import { z } from "zod";
import { Id } from "../sessions/inputs.ts";
import { text } from "../text-input.ts";

export const NotificationListInput = z.strictObject({
  limit: z.number().int().min(1).max(100).default(20),
  cursor: text().max(100).nullish(),
});

export const NotificationMarkReadInput = z.strictObject({ notificationIds: z.array(Id).min(1).max(500) });

/** tRPC fills lastEventId when an SSE client reconnects. */
export const NotificationStreamInput = z.strictObject({ lastEventId: text().max(100).nullish() }).optional();
