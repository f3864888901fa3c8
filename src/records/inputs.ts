import { z } from "zod";
import { Id } from "../sessions/inputs.ts";
import { text } from "../text-input.ts";

const Moment = z
  .date({ message: "Expected a date and time." })
  .min(new Date("2000-01-01T00:00:00Z"), { message: "Too far in the past." })
  .max(new Date("2100-01-01T00:00:00Z"), { message: "Too far in the future." });

export const RecordIdInput = z.strictObject({ sessionId: Id });

export const RecordUpdateInput = z.strictObject({
  sessionId: Id,
  /** Markdown, stored verbatim; the client renders it safely. */
  summary: text().max(50_000).nullish(),
  gmNotes: text().max(50_000).nullish(),
  /** Per character: what became of them. A null text removes the entry. */
  characterDevelopments: z
    .array(z.strictObject({ characterId: Id, text: text().trim().min(1).max(5_000).nullable() }))
    .max(50)
    .optional(),
});

export const KeyEventAddInput = z.strictObject({
  sessionId: Id,
  text: text().trim().min(1, { message: "Say what happened." }).max(1_000),
  /** When it happened; now if left out. */
  happenedAt: Moment.optional(),
});

export const KeyEventUpdateInput = z.strictObject({
  sessionId: Id,
  keyEventId: Id,
  text: text().trim().min(1, { message: "Say what happened." }).max(1_000).optional(),
  happenedAt: Moment.optional(),
});

export const KeyEventIdInput = z.strictObject({ sessionId: Id, keyEventId: Id });
