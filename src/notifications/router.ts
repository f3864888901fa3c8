import { TRPCError, tracked } from "@trpc/server";
import { guardStream } from "../auth/stream-guard.ts";
import { SubscriberTooSlow } from "../events/in-process-bus.ts";
import { publicProcedure, router, signedInProcedure } from "../trpc.ts";
import {
  NotificationListInput,
  NotificationMarkReadInput,
  NotificationPreferenceInput,
  NotificationStreamInput,
  UnsubscribeInput,
} from "./inputs.ts";
import { getPreferences, setPreference } from "./preferences.ts";
import { countUnread, listNotifications, markRead, notificationsAfter } from "./store.ts";
import { unsubscribe } from "./unsubscribe.ts";

/** How many sent notification ids a stream remembers to drop repeats. */
const SENT_IDS_KEPT = 500;

export const notificationRouter = router({
  list: signedInProcedure
    .input(NotificationListInput)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.user.id, input.limit, input.cursor)),
  unreadCount: signedInProcedure.query(({ ctx }) => countUnread(ctx.db, ctx.user.id)),
  markRead: signedInProcedure
    .input(NotificationMarkReadInput)
    .mutation(({ ctx, input }) => markRead(ctx.db, ctx.user.id, input.notificationIds, ctx.now())),
  markAllRead: signedInProcedure.mutation(({ ctx }) => markRead(ctx.db, ctx.user.id, "all", ctx.now())),

  /** Per type: in the app, by email, both or neither. */
  preferences: signedInProcedure.query(({ ctx }) => getPreferences(ctx.db, ctx.user.id)),
  setPreference: signedInProcedure
    .input(NotificationPreferenceInput)
    .mutation(({ ctx, input }) => setPreference(ctx.db, ctx.user.id, input.type, input)),
  /** An email's unsubscribe link, opened in the browser: works signed out (the token is signed). */
  unsubscribe: publicProcedure.input(UnsubscribeInput).mutation(({ ctx, input }) => unsubscribe(ctx.db, input.token)),

  /** The caller's new notifications, live; a reconnecting client first gets what it missed. */
  onCreated: signedInProcedure.input(NotificationStreamInput).subscription(async function* ({ ctx, input, signal }) {
    const guard = guardStream(ctx, signal);
    // Listen before reading the backlog, so nothing published meanwhile is lost.
    const live = ctx.events.subscribe("notification", ctx.user.id, guard.signal);
    // Each notification goes out once: the backlog and the live events overlap, and
    // after a lost connection the PostgreSQL bus re-sends the last minute's. The
    // newest ids are enough to tell (bounded, however long the stream stays open).
    const sent = new Set<string>();
    const firstTime = (id: string) => {
      if (sent.has(id)) return false;
      sent.add(id);
      if (sent.size > SENT_IDS_KEPT) sent.delete(sent.values().next().value as string);
      return true;
    };
    if (input?.lastEventId) {
      for (const missed of await notificationsAfter(ctx.db, ctx.user.id, input.lastEventId)) {
        if (firstTime(missed.id)) yield tracked(missed.id, missed);
      }
    }
    try {
      for await (const notification of live) {
        if (firstTime(notification.id)) yield tracked(notification.id, notification);
      }
    } catch (error) {
      if (!(error instanceof SubscriberTooSlow)) throw error;
      // The client retries this code, resuming from the last notification it received.
      throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "Your connection fell behind. Reconnecting…" });
    }
    guard.throwIfRefused();
  }),
});
