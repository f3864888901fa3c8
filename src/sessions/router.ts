import { TRPCError } from "@trpc/server";
import { guardStream } from "../auth/stream-guard.ts";
import { versionedSnapshots } from "../events/snapshot-stream.ts";
import { pastSessions } from "../records/rules.ts";
import { publicProcedure, router, sessionGmProcedure, sessionReaderProcedure, signedInProcedure } from "../trpc.ts";
import { hostCapStatus } from "./host-cap.ts";
import {
  JoinCodeInput,
  SessionCancelInput,
  SessionCreateInput,
  SessionHistoryInput,
  SessionIdInput,
  SessionListInput,
  SessionSearchInput,
  SessionStreamInput,
  SessionUpdateInput,
} from "./inputs.ts";
import { getGameSession, getGameSessionByJoinCode, getPublicGameSession, listGameSessions } from "./queries.ts";
import {
  changeGameSessionStatus,
  createGameSession,
  deleteGameSession,
  regenerateJoinCode,
  updateGameSession,
} from "./rules.ts";
import { searchPublicSessions } from "./search.ts";
import { assertMaySeeSession } from "./visibility.ts";

export const sessionRouter = router({
  // Signed out, a visitor sees public sessions only (src/sessions/visibility.ts).
  list: publicProcedure
    .input(SessionListInput)
    .query(({ ctx, input }) => listGameSessions(ctx.db, ctx.user, input, ctx.config.CANCEL_CUTOFF_MINUTES)),
  /** Finding a game: public sessions still to come, by words and filters, best matches first (src/sessions/search.ts). */
  search: publicProcedure
    .input(SessionSearchInput)
    .query(({ ctx, input }) =>
      searchPublicSessions(ctx.db, ctx.user, input, ctx.now(), ctx.config.CANCEL_CUTOFF_MINUTES),
    ),
  byId: publicProcedure
    .input(SessionIdInput)
    .query(({ ctx, input }) => getGameSession(ctx.db, ctx.user, input.sessionId, ctx.config.CANCEL_CUTOFF_MINUTES)),
  /** Completed sessions with their recaps and key events, newest first: a campaign's, or mine. */
  history: signedInProcedure
    .input(SessionHistoryInput)
    .query(({ ctx, input }) => pastSessions(ctx.db, ctx.user, input.campaignId, input.limit, input.cursor)),
  byJoinCode: publicProcedure
    .input(JoinCodeInput)
    .query(({ ctx, input }) =>
      getGameSessionByJoinCode(ctx.db, ctx.user, input.code, ctx.config.CANCEL_CUTOFF_MINUTES),
    ),

  /**
   * The session's public state now, then after every change to its status or seats.
   * Event ids are the session's version; a reconnecting client starts again from the latest state.
   */
  onChanged: sessionReaderProcedure.input(SessionStreamInput).subscription(async function* ({ ctx, input, signal }) {
    const guard = guardStream(ctx, signal, (user) => assertMaySeeSession(ctx.db, user, input.sessionId));
    const live = ctx.events.subscribe("gameSession", input.sessionId, guard.signal);
    const current = await getPublicGameSession(ctx.db, input.sessionId, ctx.config.CANCEL_CUTOFF_MINUTES);
    if (!current) throw new TRPCError({ code: "NOT_FOUND", message: "No such session." });
    yield* versionedSnapshots(current, live);
    guard.throwIfRefused();
  }),

  /** How many sessions and series the caller hosts against the cap: the form says it before it is filled in. */
  hostCap: signedInProcedure.query(({ ctx }) => hostCapStatus(ctx.db, ctx.user.id, ctx.config.HOST_SESSION_CAP)),
  create: signedInProcedure.input(SessionCreateInput).mutation(async ({ ctx, input }) => {
    const { id } = await createGameSession(ctx.db, ctx.user, input, ctx.now(), ctx.config);
    return getGameSession(ctx.db, ctx.user, id, ctx.config.CANCEL_CUTOFF_MINUTES);
  }),
  update: sessionGmProcedure.input(SessionUpdateInput).mutation(async ({ ctx, input }) => {
    await updateGameSession(ctx, input, ctx.now());
    return getGameSession(ctx.db, ctx.user, input.sessionId, ctx.config.CANCEL_CUTOFF_MINUTES);
  }),
  delete: sessionGmProcedure.input(SessionIdInput).mutation(async ({ ctx, input }) => {
    await deleteGameSession(ctx, input.sessionId);
    return { deleted: true };
  }),

  regenerateJoinCode: sessionGmProcedure
    .input(SessionIdInput)
    .mutation(({ ctx, input }) => regenerateJoinCode(ctx.db, input.sessionId)),

  start: sessionGmProcedure
    .input(SessionIdInput)
    .mutation(({ ctx, input }) => changeGameSessionStatus(ctx, ctx.user, input.sessionId, "start", ctx.now())),
  pause: sessionGmProcedure
    .input(SessionIdInput)
    .mutation(({ ctx, input }) => changeGameSessionStatus(ctx, ctx.user, input.sessionId, "pause", ctx.now())),
  resume: sessionGmProcedure
    .input(SessionIdInput)
    .mutation(({ ctx, input }) => changeGameSessionStatus(ctx, ctx.user, input.sessionId, "resume", ctx.now())),
  end: sessionGmProcedure
    .input(SessionIdInput)
    .mutation(({ ctx, input }) => changeGameSessionStatus(ctx, ctx.user, input.sessionId, "end", ctx.now())),
  cancel: sessionGmProcedure
    .input(SessionCancelInput)
    .mutation(({ ctx, input }) =>
      changeGameSessionStatus(ctx, ctx.user, input.sessionId, "cancel", ctx.now(), input.reason),
    ),
});
