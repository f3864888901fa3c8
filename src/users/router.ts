import { adminProcedure, router, signedInProcedure } from "../trpc.ts";
import { UserSearchInput, UserSetRoleInput } from "./inputs.ts";
import { searchUsers, setUserRole } from "./rules.ts";

export const userRouter = router({
  search: signedInProcedure
    .input(UserSearchInput)
    .query(({ ctx, input }) => searchUsers(ctx.db, ctx.user, input.query, input.limit)),
  setRole: adminProcedure
    .input(UserSetRoleInput)
    .mutation(({ ctx, input }) => setUserRole(ctx, ctx.user.id, input.userId, input.role)),
});
