import { router, signedInProcedure } from "../trpc.ts";
import { calendarFor, revokeCalendarFeed, rotateCalendarFeed } from "./rules.ts";

export const calendarRouter = router({
  /** The caller's upcoming sessions as an iCalendar (.ics) document. */
  mine: signedInProcedure.query(({ ctx }) => calendarFor(ctx.db, ctx.config, ctx.user.id, ctx.now())),
  /** A secret URL calendar apps can subscribe to; replaces any previous one. Shown once. */
  rotateFeedUrl: signedInProcedure.mutation(({ ctx }) => rotateCalendarFeed(ctx.db, ctx.config, ctx.user.id)),
  revokeFeedUrl: signedInProcedure.mutation(async ({ ctx }) => {
    await revokeCalendarFeed(ctx.db, ctx.user.id);
    return { revoked: true };
  }),
});
