// A live stream keeps its caller's access in view: it ends when they sign out, their
// token is revoked, they are removed, or their role changes (an `access` event, from
// any process), and it checks again on a timer for what ends unannounced (an expiry).
import { TRPCError } from "@trpc/server";
import type { Context } from "../trpc.ts";
import { userForCredential } from "./credentials.ts";
import type { AuthUser } from "./lucia.ts";

export type StreamGuard = {
  /** Aborts when the stream ends, or when its caller may no longer watch it: subscribe with this. */
  signal: AbortSignal;
  /** After the stream's events stop: throws the reason access ended, if it did. */
  throwIfRefused: () => void;
};

/**
 * Guards a stream opened by `ctx.user`. `mayWatch` throws (a TRPCError) when the
 * user, as they are now, may not watch this stream; omit it when being signed in is enough.
 */
export function guardStream(
  ctx: Context & { user: AuthUser },
  streamSignal: AbortSignal | undefined,
  mayWatch: (user: AuthUser) => Promise<unknown> = async () => {},
): StreamGuard {
  const guard = new AbortController();
  let refusal: TRPCError | null = null;
  const end = () => guard.abort();
  streamSignal?.addEventListener("abort", end, { once: true });

  // One check at a time; a change announced while one runs gets a check of its own
  // after it (that running check may have read the database just before the change).
  let checking: Promise<void> | null = null;
  let again = false;
  const check = (): Promise<void> => {
    if (checking) {
      again = true;
      return checking;
    }
    checking = (async () => {
      do {
        again = false;
        await recheck();
      } while (again && !guard.signal.aborted);
    })().finally(() => {
      checking = null;
    });
    return checking;
  };
  async function recheck() {
    try {
      const user = ctx.credential ? await userForCredential(ctx.db, ctx.config, ctx.credential, ctx.now()) : ctx.user;
      if (!user || user.id !== ctx.user.id) {
        throw new TRPCError({ code: "UNAUTHORIZED", message: "You were signed out. Sign in again to keep watching." });
      }
      await mayWatch(user);
    } catch (error) {
      if (guard.signal.aborted) return;
      if (!(error instanceof TRPCError)) {
        // The database is unreachable, say: not a reason to end a stream; the next check decides.
        ctx.log.warn({ err: error }, "A live stream could not check its caller's access");
        return;
      }
      refusal = error;
      guard.abort();
    }
  }

  const changes = ctx.events.subscribe("access", ctx.user.id, guard.signal);
  void (async () => {
    for await (const _change of changes) await check();
  })().catch((error) => ctx.log.error({ err: error }, "A live stream stopped hearing access changes"));
  // A change between the procedure's own check and this subscription was not heard: check once now.
  void check();
  const timer = setInterval(() => void check(), ctx.config.STREAM_RECHECK_S * 1000);
  timer.unref();
  guard.signal.addEventListener(
    "abort",
    () => {
      clearInterval(timer);
      streamSignal?.removeEventListener("abort", end);
    },
    { once: true },
  );

  return {
    signal: guard.signal,
    throwIfRefused: () => {
      if (refusal) throw refusal;
    },
  };
}
