import { canManageSession } from "../sessions/access.ts";
import { SessionIdInput, SessionUpdateInput } from "../sessions/inputs.ts";
import { getGameSession } from "../sessions/queries.ts";
import { router, sessionGmProcedure, sessionReaderProcedure, signedInProcedure } from "../trpc.ts";
import { SeriesCreateInput } from "./inputs.ts";
import { seriesOverview } from "./queries.ts";
import { createSeries, endSeries, updateFollowing } from "./rules.ts";

/** Recurring series. Each occurrence is a session: the session procedures act on one alone. */
export const seriesRouter = router({
  /** Creates the series and its occurrences up to the horizon; returns the first. */
  create: signedInProcedure.input(SeriesCreateInput).mutation(async ({ ctx, input }) => {
    const { seriesId, firstSessionId } = await createSeries(ctx, ctx.user, input, ctx.now());
    const first = await getGameSession(ctx.db, ctx.user, firstSessionId, ctx.config.CANCEL_CUTOFF_MINUTES);
    return { seriesId, first };
  }),
  /** The series a session belongs to: its rule in words and its coming occurrences. */
  ofSession: sessionReaderProcedure.input(SessionIdInput).query(async ({ ctx, input }) => {
    const overview = await seriesOverview(ctx.db, input.sessionId, ctx.now());
    return overview && { ...overview, canManage: canManageSession(ctx.user, overview) };
  }),
  /** Edits this occurrence and the following ones that have not started (and later ones). */
  updateFollowing: sessionGmProcedure
    .input(SessionUpdateInput)
    .mutation(({ ctx, input }) => updateFollowing(ctx, input, ctx.now())),
  /** No more occurrences; the following ones that have not started are cancelled, their players told. */
  end: sessionGmProcedure
    .input(SessionIdInput)
    .mutation(({ ctx, input }) => endSeries(ctx, ctx.user, input.sessionId, ctx.now())),
});
