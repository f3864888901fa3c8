import { z } from "zod";
import { NotificationType } from "../generated/prisma/enums.ts";
import { Id } from "../sessions/inputs.ts";
import { text } from "../text-input.ts";
import { wholeNumber } from "../validation.ts";

export const NotificationListInput = z.strictObject({
  limit: wholeNumber(1, 100).default(20),
  cursor: text().max(100).nullish(),
});

export const NotificationMarkReadInput = z.strictObject({ notificationIds: z.array(Id).min(1).max(500) });

/** tRPC fills lastEventId when an SSE client reconnects. */
export const NotificationStreamInput = z.strictObject({ lastEventId: text().max(100).nullish() }).optional();

export const NotificationPreferenceInput = z.strictObject({
  type: z.enum(NotificationType, { message: "Choose one of the notification types." }),
  inApp: z.boolean().optional(),
  email: z.boolean().optional(),
});

export const UnsubscribeInput = z.strictObject({ token: text().trim().min(1).max(300) });
