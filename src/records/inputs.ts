import { z } from "zod";
import { LIMITS } from "../input-limits.ts";
import { Id } from "../sessions/inputs.ts";
import { text } from "../text-input.ts";

const Moment = z
  .date({ message: "Enter a date and time." })
  .min(new Date("2000-01-01T00:00:00Z"), { message: "That date is too far in the past." })
  .max(new Date("2100-01-01T00:00:00Z"), { message: "That date is too far in the future." });

export const RecordIdInput = z.strictObject({ sessionId: Id });

export const RecordUpdateInput = z.strictObject({
  sessionId: Id,
  /** Markdown, stored verbatim; the client renders it safely. */
  summary: text().max(LIMITS.summary).nullish(),
  gmNotes: text().max(LIMITS.gmNotes).nullish(),
  /** Per character: what became of them. A null text removes the entry. */
  characterDevelopments: z
    .array(z.strictObject({ characterId: Id, text: text().trim().min(1).max(LIMITS.developmentText).nullable() }))
    .max(50)
    .optional(),
});

export const KeyEventAddInput = z.strictObject({
  sessionId: Id,
  text: text().trim().min(1, { message: "Say what happened." }).max(LIMITS.keyEventText),
  /** When it happened; now if left out. */
  happenedAt: Moment.optional(),
});

export const KeyEventUpdateInput = z.strictObject({
  sessionId: Id,
  keyEventId: Id,
  text: text().trim().min(1, { message: "Say what happened." }).max(LIMITS.keyEventText).optional(),
  happenedAt: Moment.optional(),
});

export const KeyEventIdInput = z.strictObject({ sessionId: Id, keyEventId: Id });
