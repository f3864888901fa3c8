// Inputs of the availability-poll procedures; the web client's forms validate with the same schemas.
import { z } from "zod";
import { TimeZone } from "../auth/inputs.ts";
import { RepetitionInput } from "../series/inputs.ts";
import { checkTimesAndSeats, Id, JoinCodeInput, SessionFields } from "../sessions/inputs.ts";
import { text } from "../text-input.ts";
import { wholeNumber } from "../validation.ts";
import { MAX_POLL_OPTIONS, MIN_POLL_OPTIONS, POLL_CHOICES } from "./choices.ts";

export const PollChoiceInput = z.enum(POLL_CHOICES, { message: "Answer yes, if need be, or no." });

export const PollCreateInput = z
  .strictObject({
    title: SessionFields.shape.title,
    description: SessionFields.shape.description,
    /** A campaign's poll: its members are asked (the GM only may open one). */
    campaignId: Id.nullable().optional(),
    venueId: SessionFields.shape.venueId,
    /** How long the session lasts; none: open-ended. */
    durationMinutes: wholeNumber(15, 1_440).nullable().optional(),
    minPlayers: SessionFields.shape.minPlayers,
    maxPlayers: SessionFields.shape.maxPlayers,
    /** The dates and times proposed. */
    options: z
      .array(SessionFields.shape.startsAt, { message: "Propose dates and times." })
      .min(MIN_POLL_OPTIONS, { message: `Propose at least ${MIN_POLL_OPTIONS} dates.` })
      .max(MAX_POLL_OPTIONS, { message: `Propose at most ${MAX_POLL_OPTIONS} dates.` })
      .refine((dates) => new Set(dates.map((d) => d.getTime())).size === dates.length, {
        message: "Each date and time once, please.",
      }),
    /** The picked date starts a series repeating like this; none: one session. */
    repeat: RepetitionInput.nullable().optional(),
    /** The zone a repeating series keeps (the GM's browser's); also the zone the GM proposed in. */
    timeZone: TimeZone,
  })
  .superRefine(checkTimesAndSeats);

/** The poll's link: /polls/<code>. */
export const PollCodeInput = JoinCodeInput;

export const PollAnswerInput = z.strictObject({
  code: PollCodeInput.shape.code,
  answers: z
    .array(z.strictObject({ optionId: Id, choice: PollChoiceInput }), { message: "Answer at least one date." })
    .min(1, { message: "Answer at least one date." })
    .max(MAX_POLL_OPTIONS)
    .refine((answers) => new Set(answers.map((a) => a.optionId)).size === answers.length, {
      message: "Answer each date once.",
    }),
});

export const PollIdInput = z.strictObject({ pollId: Id });
export const PollPickInput = z.strictObject({ pollId: Id, optionId: Id });

/** A campaign's polls, or without a campaign the caller's: hosted, answered, or of their campaigns. */
export const PollListInput = z.strictObject({ campaignId: Id.optional() });

/** tRPC fills lastEventId when an SSE client reconnects. */
export const PollStreamInput = z.strictObject({
  code: PollCodeInput.shape.code,
  lastEventId: text().max(100).nullish(),
});
