import { z } from "zod";
import { Id } from "../sessions/inputs.ts";
import { text } from "../text-input.ts";

const CharacterFields = z.strictObject({
  name: text().trim().min(1, { message: "Name the character." }).max(80),
  description: text().max(2000).default(""),
  campaignId: Id.nullish(),
});

export const CharacterCreateInput = CharacterFields;
export const CharacterUpdateInput = CharacterFields.partial().extend({
  characterId: Id,
  description: text().max(2000).optional(),
});
export const CharacterIdInput = z.strictObject({ characterId: Id });
