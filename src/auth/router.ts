import { publicProcedure, router, signedInProcedure } from "../trpc.ts";
import { closeAccount } from "./account-closing.ts";
import { exportAccount } from "./account-export.ts";
import {
  changeEmail,
  changePassword,
  getAccount,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  updateProfile,
  verifyEmail,
} from "./account-settings.ts";
import { finishSignUp, signIn, signOut, signOutEverywhere, signUp } from "./accounts.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.ts";
import {
  AccountCloseInput,
  ApiTokenCreateInput,
  ApiTokenRevokeInput,
  EmailChangeInput,
  EmailTokenInput,
  FinishSignUpInput,
  PasswordChangeInput,
  PasswordResetInput,
  PasswordResetRequestInput,
  ProfileUpdateInput,
  SignInInput,
  SignUpInput,
} from "./inputs.ts";

export const authRouter = router({
  /** Answers the same whether or not the address has an account: the next step is in the email. */
  signUp: publicProcedure.input(SignUpInput).mutation(async ({ ctx, input }) => {
    const { email } = await signUp(ctx, input, ctx.clientIp, ctx.now());
    return { email, message: `Check your inbox: we sent a link to ${email}. Open it to finish.` };
  }),
  /** The sign-up email's link: choose the password, and be signed in. */
  finishSignUp: publicProcedure.input(FinishSignUpInput).mutation(async ({ ctx, input }) => {
    const { user, sessionCookie } = await finishSignUp(ctx, input, ctx.now());
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

/** The caller's own account: profile, password, address, and the emailed links. */
export const accountRouter = router({
  get: signedInProcedure.query(({ ctx }) => getAccount(ctx, ctx.user.id)),
  updateProfile: signedInProcedure
    .input(ProfileUpdateInput)
    .mutation(({ ctx, input }) => updateProfile(ctx, ctx.user.id, input)),
  changePassword: signedInProcedure
    .input(PasswordChangeInput)
    .mutation(({ ctx, input }) => changePassword(ctx, ctx.user, input, ctx)),
  changeEmail: signedInProcedure
    .input(EmailChangeInput)
    .mutation(({ ctx, input }) => changeEmail(ctx, ctx.user, input, ctx.clientIp, ctx.now())),
  /** Everything Quorum holds about the caller, as one JSON document (src/auth/account-export.ts). */
  export: signedInProcedure.query(({ ctx }) => exportAccount(ctx.db, ctx.user.id, ctx.now())),
  /** Closes the account for good, after the password (src/auth/account-closing.ts); signs this browser out. */
  close: signedInProcedure.input(AccountCloseInput).mutation(async ({ ctx, input }) => {
    const closed = await closeAccount(ctx, ctx.user, input.password, ctx.clientIp, ctx.now());
    ctx.setCookie(ctx.lucia.createBlankSessionCookie().serialize());
    return closed;
  }),
  resendVerification: signedInProcedure.mutation(({ ctx }) =>
    resendVerification(ctx, ctx.user, ctx.clientIp, ctx.now()),
  ),
  verifyEmail: publicProcedure
    .input(EmailTokenInput)
    .mutation(({ ctx, input }) => verifyEmail(ctx, input.token, ctx.now())),
  requestPasswordReset: publicProcedure
    .input(PasswordResetRequestInput)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx, input.email, ctx.clientIp, ctx.now())),
  resetPassword: publicProcedure.input(PasswordResetInput).mutation(async ({ ctx, input }) => {
    const { user, sessionCookie } = await resetPassword(ctx, input.token, input.password, ctx.now());
    ctx.setCookie(sessionCookie);
    return user;
  }),
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
