import { SessionIdInput } from "../sessions/inputs.ts";
import { router, sessionReaderProcedure, signedInProcedure } from "../trpc.ts";
import {
  calendarFeedActive,
  calendarFor,
  calendarForSession,
  revokeCalendarFeed,
  rotateCalendarFeed,
} from "./rules.ts";

export const calendarRouter = router({
  /** The caller's upcoming sessions as an iCalendar (.ics) document. */
  mine: signedInProcedure.query(({ ctx }) => calendarFor(ctx.db, ctx.config, ctx.user.id, ctx.now())),
  /** One session as an .ics file, with its name ("Add to calendar"). */
  session: sessionReaderProcedure
    .input(SessionIdInput)
    .query(({ ctx, input }) => calendarForSession(ctx.db, ctx.config, ctx.user.id, input.sessionId, ctx.now())),
  /** Whether the caller has a feed URL now. */
  feedActive: signedInProcedure.query(({ ctx }) => calendarFeedActive(ctx.db, ctx.user.id)),
  /** A secret URL calendar apps can subscribe to; replaces any previous one. Shown once. */
  rotateFeedUrl: signedInProcedure.mutation(({ ctx }) => rotateCalendarFeed(ctx.db, ctx.config, ctx.user.id)),
  revokeFeedUrl: signedInProcedure.mutation(async ({ ctx }) => {
    await revokeCalendarFeed(ctx.db, ctx.user.id);
    return { revoked: true };
  }),
});
