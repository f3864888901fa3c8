import { guardStream } from "../auth/stream-guard.ts";
import { versionedSnapshots } from "../events/snapshot-stream.ts";
import { router, signedInProcedure } from "../trpc.ts";
import {
  PollAnswerInput,
  PollCodeInput,
  PollCreateInput,
  PollIdInput,
  PollListInput,
  PollPickInput,
  PollStreamInput,
} from "./inputs.ts";
import { getPollView, listPolls } from "./queries.ts";
import { answerPoll, closePoll, createPoll, noSuchPoll, pickOption } from "./rules.ts";

/**
 * Availability polls. Whoever has a poll's link (its code) may see and answer it once
 * signed in; its GM (or an admin) picks a date or closes it.
 */
export const pollRouter = router({
  /** Opens a poll; a campaign's members are asked at once. Returns its code, for the link. */
  create: signedInProcedure
    .input(PollCreateInput)
    .mutation(({ ctx, input }) => createPoll(ctx, ctx.user, input, ctx.now())),
  list: signedInProcedure.input(PollListInput).query(({ ctx, input }) => listPolls(ctx.db, ctx.user, input.campaignId)),
  byCode: signedInProcedure.input(PollCodeInput).query(async ({ ctx, input }) => {
    const poll = await getPollView(ctx.db, { code: input.code });
    if (!poll) throw noSuchPoll();
    return { ...poll, canManage: poll.host.id === ctx.user.id || ctx.user.role === "admin" };
  }),
  /** The caller's answers for some or all of the dates. */
  answer: signedInProcedure
    .input(PollAnswerInput)
    .mutation(({ ctx, input }) => answerPoll(ctx, ctx.user, input, ctx.now())),
  /** Creates the session (or series) on the picked date with its voters seated, and closes the poll. */
  pick: signedInProcedure
    .input(PollPickInput)
    .mutation(({ ctx, input }) => pickOption(ctx, ctx.user, input.pollId, input.optionId, ctx.now())),
  /** Closes the poll without a date. */
  close: signedInProcedure
    .input(PollIdInput)
    .mutation(({ ctx, input }) => closePoll(ctx, ctx.user, input.pollId, ctx.now())),
  /** The poll now, then after every answer, the pick or closing: whole snapshots keyed by version. */
  onChanged: signedInProcedure.input(PollStreamInput).subscription(async function* ({ ctx, input, signal }) {
    // The link's poll (its id keys the channel); its view is read once subscribed.
    const poll = await ctx.db.availabilityPoll.findUnique({ where: { code: input.code }, select: { id: true } });
    if (!poll) throw noSuchPoll();
    const guard = guardStream(ctx, signal);
    const live = ctx.events.subscribe("poll", poll.id, guard.signal);
    // Read after subscribing, so no answer falls between the view and the stream.
    const current = await getPollView(ctx.db, { id: poll.id });
    if (!current) throw noSuchPoll();
    yield* versionedSnapshots(current, live);
    guard.throwIfRefused();
  }),
});
