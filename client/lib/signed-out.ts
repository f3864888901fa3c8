// Noticing a sign-out wherever it happened: a refusal that says "sign in" (an auth session
// ended elsewhere, or expired) takes the tab to the sign-in page, and signing out in one
// tab signs out the others at once (BroadcastChannel).
import { TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import type { AppRouter } from "../../src/router.ts";

const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("quorum-auth");

/** Set while this tab signs itself out for good (closing the account): refusals are then expected. */
let leaving = false;
export function leavingOnPurpose(value: boolean): void {
  leaving = value;
}

/** To the sign-in page, then back here (a full load: nothing of the old account stays). */
export function goToSignIn(): void {
  if (leaving || window.location.pathname === "/sign-in") return;
  const next = encodeURIComponent(window.location.pathname + window.location.search);
  window.location.assign(`/sign-in?next=${next}`);
}

/** Tells the other tabs, which then go to sign-in too. */
export function announceSignedOut(): void {
  channel?.postMessage("signed-out");
}

channel?.addEventListener("message", (event) => {
  if (event.data === "signed-out") goToSignIn();
});

/** Calls whose refusals are about what was typed (a wrong password), not a lost sign-in. */
const ASKING_TO_SIGN_IN = new Set(["auth.signIn", "auth.signUp", "auth.finishSignUp"]);

/** A tRPC link that watches every answer (queries, mutations, live streams) for UNAUTHORIZED. */
export const signedOutLink: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) =>
    observable((observer) =>
      next(op).subscribe({
        next: (value) => observer.next(value),
        complete: () => observer.complete(),
        error: (error) => {
          if (
            error instanceof TRPCClientError &&
            error.data?.code === "UNAUTHORIZED" &&
            !ASKING_TO_SIGN_IN.has(op.path) &&
            !op.context.preload // started before anyone knew who is signed in (lib/upcoming.ts)
          ) {
            goToSignIn();
          }
          observer.error(error);
        },
      }),
    );
