import { TRPCError } from "@trpc/server";
import { guardStream } from "../auth/stream-guard.ts";
import { versionedSnapshots } from "../events/snapshot-stream.ts";
import { router, signedInProcedure } from "../trpc.ts";
import { PresenceConnectInput, PresenceSessionInput, PresenceStreamInput } from "./inputs.ts";
import { assertMayWatch, connect, disconnect, heartbeat } from "./rules.ts";
import { presenceSnapshot } from "./snapshot.ts";

export const presenceRouter = router({
  /** Takes a seat at the table; the answer says how often to heartbeat. */
  connect: signedInProcedure.input(PresenceConnectInput).mutation(async ({ ctx, input }) => {
    await connect(ctx, ctx.user, input.sessionId, ctx.now(), input.characterId);
    return { heartbeatSeconds: ctx.config.PRESENCE_HEARTBEAT_S, timeoutSeconds: ctx.config.PRESENCE_TIMEOUT_S };
  }),
  heartbeat: signedInProcedure.input(PresenceSessionInput).mutation(async ({ ctx, input }) => {
    await heartbeat(ctx, ctx.user, input.sessionId, ctx.now());
    return { ok: true };
  }),
  disconnect: signedInProcedure.input(PresenceSessionInput).mutation(async ({ ctx, input }) => {
    await assertMayWatch(ctx.db, ctx.user, input.sessionId);
    await disconnect(ctx, ctx.user.id, input.sessionId, ctx.now());
    return { ok: true };
  }),
  list: signedInProcedure.input(PresenceSessionInput).query(async ({ ctx, input }) => {
    await assertMayWatch(ctx.db, ctx.user, input.sessionId);
    const snapshot = await presenceSnapshot(ctx.db, input.sessionId);
    if (!snapshot) throw new TRPCError({ code: "NOT_FOUND", message: "No such session." });
    return snapshot;
  }),

  /**
   * Who is at the table: first the current snapshot, then a new snapshot after every
   * change, so a client never merges a list and a stream. Event ids are the session's
   * presence version. When the caller's last stream closes, they leave the table.
   */
  onChanged: signedInProcedure.input(PresenceStreamInput).subscription(async function* ({ ctx, input, signal }) {
    await assertMayWatch(ctx.db, ctx.user, input.sessionId);
    const guard = guardStream(ctx, signal, (user) => assertMayWatch(ctx.db, user, input.sessionId));
    const live = ctx.events.subscribe("presence", input.sessionId, guard.signal);
    const streamId = await ctx.openStreams.open(input.sessionId, ctx.user.id, ctx.now());
    try {
      const current = await presenceSnapshot(ctx.db, input.sessionId);
      if (!current) throw new TRPCError({ code: "NOT_FOUND", message: "No such session." });
      yield* versionedSnapshots(current, live);
      guard.throwIfRefused();
    } finally {
      if (await ctx.openStreams.close(streamId, input.sessionId, ctx.user.id, ctx.now())) {
        await disconnect(ctx, ctx.user.id, input.sessionId, ctx.now());
      }
    }
  }),
});
