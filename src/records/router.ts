import { router, sessionGmProcedure, signedInProcedure } from "../trpc.ts";
import { KeyEventAddInput, KeyEventIdInput, KeyEventUpdateInput, RecordIdInput, RecordUpdateInput } from "./inputs.ts";
import { addKeyEvent, getRecord, listKeyEvents, removeKeyEvent, updateKeyEvent, updateRecord } from "./rules.ts";

export const recordRouter = router({
  get: signedInProcedure.input(RecordIdInput).query(({ ctx, input }) => getRecord(ctx.db, ctx.user, input.sessionId)),
  update: sessionGmProcedure.input(RecordUpdateInput).mutation(async ({ ctx, input }) => {
    await updateRecord(ctx.db, input, ctx.now());
    return getRecord(ctx.db, ctx.user, input.sessionId);
  }),
});

export const keyEventRouter = router({
  list: signedInProcedure
    .input(RecordIdInput)
    .query(({ ctx, input }) => listKeyEvents(ctx.db, ctx.user, input.sessionId)),
  add: sessionGmProcedure
    .input(KeyEventAddInput)
    .mutation(({ ctx, input }) => addKeyEvent(ctx.db, ctx.user, input, ctx.now())),
  update: sessionGmProcedure
    .input(KeyEventUpdateInput)
    .mutation(({ ctx, input }) => updateKeyEvent(ctx.db, input, ctx.now())),
  remove: sessionGmProcedure.input(KeyEventIdInput).mutation(async ({ ctx, input }) => {
    await removeKeyEvent(ctx.db, input.sessionId, input.keyEventId);
    return { removed: true };
  }),
});
