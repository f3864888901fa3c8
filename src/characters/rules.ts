// Characters belong to their player; only the owner (or an admin) sees and edits them here.
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { AuthUser } from "../auth/lucia.ts";
import { standingIn } from "../campaigns/access.ts";
import type { Db } from "../db/client.ts";
import { assertMayEdit } from "../ownership.ts";
import { refuseField } from "../validation.ts";
import type { CharacterCreateInput, CharacterUpdateInput } from "./inputs.ts";

const characterView = {
  id: true,
  name: true,
  description: true,
  ownerId: true,
  campaign: { select: { id: true, title: true } },
  createdAt: true,
  updatedAt: true,
} as const;

/** Players bring only their own characters to a session. */
export async function assertOwnCharacter(db: Db, userId: string, characterId: string): Promise<void> {
  const character = await db.character.findUnique({ where: { id: characterId }, select: { ownerId: true } });
  if (!character) throw new TRPCError({ code: "NOT_FOUND", message: "No such character." });
  if (character.ownerId !== userId) throw new TRPCError({ code: "FORBIDDEN", message: "That character is not yours." });
}

/** A character can be tied only to a campaign its owner plays in (or runs). */
async function assertMayJoinCampaign(db: Db, user: AuthUser, campaignId: string): Promise<void> {
  const { standing } = await standingIn(db, user, campaignId);
  if (!standing) throw refuseField("campaignId", "You are not in that campaign.", "FORBIDDEN");
}

export async function createCharacter(db: Db, user: AuthUser, input: z.output<typeof CharacterCreateInput>) {
  if (input.campaignId) await assertMayJoinCampaign(db, user, input.campaignId);
  return db.character.create({ data: { ...input, ownerId: user.id }, select: characterView });
}

export function listMyCharacters(db: Db, user: AuthUser) {
  return db.character.findMany({ where: { ownerId: user.id }, orderBy: { name: "asc" }, select: characterView });
}

export async function getCharacter(db: Db, user: AuthUser, characterId: string) {
  const character = await db.character.findUnique({ where: { id: characterId }, select: characterView });
  assertMayEdit(user, character?.ownerId, "character");
  return character as NonNullable<typeof character>;
}

export async function updateCharacter(db: Db, user: AuthUser, input: z.output<typeof CharacterUpdateInput>) {
  const { characterId, ...changes } = input;
  await getCharacter(db, user, characterId);
  if (changes.campaignId) await assertMayJoinCampaign(db, user, changes.campaignId);
  return db.character.update({ where: { id: characterId }, data: changes, select: characterView });
}

/** Past sessions keep no pointer to a deleted character; its developments go with it. */
export async function deleteCharacter(db: Db, user: AuthUser, characterId: string): Promise<void> {
  await getCharacter(db, user, characterId);
  await db.character.delete({ where: { id: characterId } });
}
