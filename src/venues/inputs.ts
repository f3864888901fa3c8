import { z } from "zod";
import { Id } from "../sessions/inputs.ts";

const OnlineUrl = z.url({ protocol: /^https?$/, message: "Use an http(s) link." }).max(500);

const VenueFields = z.object({
  name: z.string().trim().min(1, { message: "Name the venue." }).max(120),
  address: z.string().trim().max(300).nullish(),
  onlineUrl: OnlineUrl.nullish(),
  notes: z.string().max(2000).nullish(),
});

function placeOrLink(venue: { address?: string | null; onlineUrl?: string | null }, ctx: z.RefinementCtx) {
  if (!venue.address && !venue.onlineUrl) {
    ctx.addIssue({ code: "custom", path: ["address"], message: "Give an address, an online link, or both." });
  }
}

export const VenueCreateInput = VenueFields.superRefine(placeOrLink);
export const VenueUpdateInput = VenueFields.partial().extend({ venueId: Id });
export const VenueIdInput = z.object({ venueId: Id });
export const VenueListInput = z.object({
  query: z.string().trim().max(100).optional(),
  online: z.boolean().optional(),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().max(100).nullish(),
});
