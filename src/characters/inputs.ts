import { z } from "zod";
import { Id } from "../sessions/inputs.ts";

const CharacterFields = z.object({
  name: z.string().trim().min(1, { message: "Name the character." }).max(80),
  description: z.string().max(2000).default(""),
  campaignId: Id.nullish(),
});

export const CharacterCreateInput = CharacterFields;
export const CharacterUpdateInput = CharacterFields.partial().extend({
  characterId: Id,
  description: z.string().max(2000).optional(),
});
export const CharacterIdInput = z.object({ characterId: Id });
