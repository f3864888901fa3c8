import { router, signedInProcedure } from "../trpc.ts";
import { CharacterCreateInput, CharacterIdInput, CharacterUpdateInput } from "./inputs.ts";
import { createCharacter, deleteCharacter, getCharacter, listMyCharacters, updateCharacter } from "./rules.ts";

export const characterRouter = router({
  listMine: signedInProcedure.query(({ ctx }) => listMyCharacters(ctx.db, ctx.user)),
  byId: signedInProcedure
    .input(CharacterIdInput)
    .query(({ ctx, input }) => getCharacter(ctx.db, ctx.user, input.characterId)),
  create: signedInProcedure
    .input(CharacterCreateInput)
    .mutation(({ ctx, input }) => createCharacter(ctx.db, ctx.user, input)),
  update: signedInProcedure
    .input(CharacterUpdateInput)
    .mutation(({ ctx, input }) => updateCharacter(ctx.db, ctx.user, input)),
  delete: signedInProcedure.input(CharacterIdInput).mutation(async ({ ctx, input }) => {
    await deleteCharacter(ctx.db, ctx.user, input.characterId);
    return { deleted: true };
  }),
});
