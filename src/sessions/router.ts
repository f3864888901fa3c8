import { router, sessionGmProcedure, signedInProcedure } from "../trpc.ts";
import {
  JoinCodeInput,
  SessionCancelInput,
  SessionCreateInput,
  SessionIdInput,
  SessionListInput,
  SessionUpdateInput,
} from "./inputs.ts";
import { getGameSession, getGameSessionByJoinCode, listGameSessions } from "./queries.ts";
import { changeGameSessionStatus, createGameSession, deleteGameSession, updateGameSession } from "./rules.ts";

export const sessionRouter = router({
  list: signedInProcedure.input(SessionListInput).query(({ ctx, input }) => listGameSessions(ctx.db, ctx.user, input)),
  byId: signedInProcedure
    .input(SessionIdInput)
    .query(({ ctx, input }) => getGameSession(ctx.db, ctx.user, input.sessionId)),
  byJoinCode: signedInProcedure
    .input(JoinCodeInput)
    .query(({ ctx, input }) => getGameSessionByJoinCode(ctx.db, ctx.user, input.code)),

  create: signedInProcedure.input(SessionCreateInput).mutation(async ({ ctx, input }) => {
    const { id } = await createGameSession(ctx.db, ctx.user, input, ctx.now(), ctx.config.HOST_SESSION_CAP);
    return getGameSession(ctx.db, ctx.user, id);
  }),
  update: sessionGmProcedure.input(SessionUpdateInput).mutation(async ({ ctx, input }) => {
    await updateGameSession(ctx.db, input, ctx.now());
    return getGameSession(ctx.db, ctx.user, input.sessionId);
  }),
  delete: sessionGmProcedure.mutation(async ({ ctx, input }) => {
    await deleteGameSession(ctx.db, input.sessionId);
    return { deleted: true };
  }),

  start: sessionGmProcedure.mutation(({ ctx, input }) =>
    changeGameSessionStatus(ctx.db, ctx.user, input.sessionId, "start", ctx.now()),
  ),
  pause: sessionGmProcedure.mutation(({ ctx, input }) =>
    changeGameSessionStatus(ctx.db, ctx.user, input.sessionId, "pause", ctx.now()),
  ),
  resume: sessionGmProcedure.mutation(({ ctx, input }) =>
    changeGameSessionStatus(ctx.db, ctx.user, input.sessionId, "resume", ctx.now()),
  ),
  end: sessionGmProcedure.mutation(({ ctx, input }) =>
    changeGameSessionStatus(ctx.db, ctx.user, input.sessionId, "end", ctx.now()),
  ),
  cancel: sessionGmProcedure
    .input(SessionCancelInput)
    .mutation(({ ctx, input }) =>
      changeGameSessionStatus(ctx.db, ctx.user, input.sessionId, "cancel", ctx.now(), input.reason),
    ),
});
