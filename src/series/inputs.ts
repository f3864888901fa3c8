// Inputs of the series procedures; the session form validates with the same schemas.
import { z } from "zod";
import { TimeZone } from "../auth/inputs.ts";
import { checkTimesAndSeats, Id, SessionFields } from "../sessions/inputs.ts";
import { wholeNumber } from "../validation.ts";

/** A day as the form's date field gives it: 2027-06-30. */
const Day = z.iso.date({ message: "Enter a date, such as 2027-06-30." });

export const RepetitionInput = z
  .strictObject({
    frequency: z.enum(["weekly", "monthly"], { message: "Choose weekly or monthly." }),
    /** Every 1 to 12 weeks (or months). */
    interval: wholeNumber(1, 12).default(1),
    /** The last day an occurrence may fall on, in the series' zone. */
    until: Day.nullish(),
    /** How many occurrences in all. */
    count: wholeNumber(2, 260).nullish(),
  })
  .refine((r) => !(r.until && r.count), {
    message: "End the series on a date or after a number of sessions, not both.",
    path: ["until"],
  });

export const SeriesCreateInput = SessionFields.extend({
  campaignId: Id.nullable().optional(),
  repeat: RepetitionInput,
  /** The zone whose wall clock the series keeps (19:00 stays 19:00 there): the GM's browser's. */
  timeZone: TimeZone,
  /** Campaign members are seated in each new occurrence (past the seats, waitlisted in a fair order). */
  seatMembers: z.boolean().default(false),
}).superRefine(checkTimesAndSeats);
