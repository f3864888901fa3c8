import { z } from "zod";
import { LIMITS } from "../input-limits.ts";
import { Id } from "../sessions/inputs.ts";
import { text } from "../text-input.ts";
import { wholeNumber } from "../validation.ts";

const OnlineUrl = z
  .url({ protocol: /^https?$/, message: "Enter a full web address, starting with https://." })
  .max(LIMITS.onlineUrl);

const VenueFields = z.strictObject({
  name: text().trim().min(1, { message: "Name the venue." }).max(LIMITS.venueName),
  address: text().trim().max(LIMITS.venueAddress).nullish(),
  onlineUrl: OnlineUrl.nullish(),
  notes: text().max(LIMITS.venueNotes).nullish(),
});

function placeOrLink(venue: { address?: string | null; onlineUrl?: string | null }, ctx: z.RefinementCtx) {
  if (!venue.address && !venue.onlineUrl) {
    ctx.addIssue({ code: "custom", path: ["address"], message: "Give an address, an online link, or both." });
  }
}

export const VenueCreateInput = VenueFields.superRefine(placeOrLink);
export const VenueUpdateInput = VenueFields.partial().extend({ venueId: Id });
export const VenueIdInput = z.strictObject({ venueId: Id });
export const VenueListInput = z.strictObject({
  query: text().trim().max(100).optional(),
  online: z.boolean().optional(),
  limit: wholeNumber(1, 100).default(20),
  cursor: text().max(100).nullish(),
});
