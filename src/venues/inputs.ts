import { z } from "zod";
import { Id } from "../sessions/inputs.ts";
import { text } from "../text-input.ts";

const OnlineUrl = z.url({ protocol: /^https?$/, message: "Use an http(s) link." }).max(500);

const VenueFields = z.strictObject({
  name: text().trim().min(1, { message: "Name the venue." }).max(120),
  address: text().trim().max(300).nullish(),
  onlineUrl: OnlineUrl.nullish(),
  notes: text().max(2000).nullish(),
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
  limit: z.number().int().min(1).max(100).default(20),
  cursor: text().max(100).nullish(),
});
