import { adminProcedure, router } from "../trpc.ts";
import { listOutgoing, retryOutgoing } from "./admin.ts";
import { OutgoingListInput, OutgoingRetryInput } from "./inputs.ts";

/** For admins: what left Quorum, what could not, and why. */
export const outgoingRouter = router({
  list: adminProcedure.input(OutgoingListInput).query(({ ctx, input }) => listOutgoing(ctx.db, input)),
  retry: adminProcedure
    .input(OutgoingRetryInput)
    .mutation(({ ctx, input }) => retryOutgoing(ctx.db, input.messageId, ctx.now())),
});
