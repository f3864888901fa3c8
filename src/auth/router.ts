import { publicProcedure, router, signedInProcedure } from "../trpc.ts";
import { signIn, signOut, signOutEverywhere, signUp } from "./accounts.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.ts";
import { ApiTokenCreateInput, ApiTokenRevokeInput, SignInInput, SignUpInput } from "./inputs.ts";

export const authRouter = router({
  signUp: publicProcedure.input(SignUpInput).mutation(async ({ ctx, input }) => {
    const { user, sessionCookie } = await signUp(ctx, input, ctx.clientIp);
    ctx.setCookie(sessionCookie);
    return user;
  }),
  signIn: publicProcedure.input(SignInInput).mutation(async ({ ctx, input }) => {
    const { user, sessionCookie } = await signIn(ctx, input, ctx.clientIp);
    ctx.setCookie(sessionCookie);
    return user;
  }),
  signOut: publicProcedure.mutation(async ({ ctx }) => {
    ctx.setCookie(await signOut(ctx, ctx.user, ctx.authSessionToken));
    return { signedOut: true };
  }),
  /** Signs the caller out on every device (this one included). */
  signOutEverywhere: signedInProcedure.mutation(async ({ ctx }) => {
    ctx.setCookie(await signOutEverywhere(ctx, ctx.user));
    return { signedOut: true };
  }),
  me: publicProcedure.query(({ ctx }) => ctx.user),
});

export const apiTokenRouter = router({
  create: signedInProcedure
    .input(ApiTokenCreateInput)
    .mutation(({ ctx, input }) =>
      createApiToken(ctx.db, ctx.user.id, input.name, { expiresInDays: input.expiresInDays, now: ctx.now() }),
    ),
  list: signedInProcedure.query(({ ctx }) => listApiTokens(ctx.db, ctx.user.id)),
  revoke: signedInProcedure
    .input(ApiTokenRevokeInput)
    .mutation(({ ctx, input }) => revokeApiToken(ctx, ctx.user.id, input.tokenId)),
});
