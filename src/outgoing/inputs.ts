import { z } from "zod";
import { Id } from "../sessions/inputs.ts";
import { text } from "../text-input.ts";
import { wholeNumber } from "../validation.ts";

export const OutgoingListInput = z.strictObject({
  status: z.enum(["pending", "sending", "sent", "failed", "skipped"]).default("failed"),
  limit: wholeNumber(1, 100).default(50),
  cursor: text().max(100).nullish(),
});

export const OutgoingRetryInput = z.strictObject({ messageId: Id });
