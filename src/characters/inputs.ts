import { z } from "zod";
import { LIMITS } from "../input-limits.ts";
import { Id } from "../sessions/inputs.ts";
import { text } from "../text-input.ts";

const CharacterFields = z.strictObject({
  name: text().trim().min(1, { message: "Name the character." }).max(LIMITS.characterName),
  description: text().max(LIMITS.characterDescription).default(""),
  campaignId: Id.nullish(),
});

export const CharacterCreateInput = CharacterFields;
export const CharacterUpdateInput = CharacterFields.partial().extend({
  characterId: Id,
  description: text().max(LIMITS.characterDescription).optional(),
});
export const CharacterIdInput = z.strictObject({ characterId: Id });
