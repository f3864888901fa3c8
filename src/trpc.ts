// tRPC setup: the context, the error shape, and the ladder of procedure builders
// (public -> signed in -> admin; "GM of this session" narrows by input).
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import type { Credential } from "./auth/credentials.ts";
import type { AuthUser } from "./auth/lucia.ts";
import { isDatabaseBusy } from "./db/busy.ts";
import { Prisma } from "./generated/prisma/client.ts";
import { tooLargeMessage } from "./http/calls.ts";
import type { Services } from "./services.ts";
import { canManageSession } from "./sessions/access.ts";
import { Id } from "./sessions/inputs.ts";
import { assertMaySeeSession } from "./sessions/visibility.ts";
import { describeZodError, fieldErrorsOf } from "./validation.ts";
import { transformer } from "./wire.ts";

export type Context = Services & {
  user: AuthUser | null;
  /** The token of the auth session that authenticated this request, if a cookie did. */
  authSessionToken: string | null;
  /** What authenticated this request (null for server-side calls): live streams check it again. */
  credential: Credential | null;
  clientIp: string;
  /** False when a browser sent this request from another origin (CSRF). */
  sameOrigin: boolean;
  setCookie: (serializedCookie: string) => void;
};

/** Builds a context without HTTP, for tests and server-side calls. */
export function createContextInner(services: Services, opts: Partial<Omit<Context, keyof Services>> = {}): Context {
  return {
    ...services,
    user: opts.user ?? null,
    authSessionToken: opts.authSessionToken ?? null,
    credential: opts.credential ?? null,
    clientIp: opts.clientIp ?? "127.0.0.1",
    sameOrigin: opts.sameOrigin ?? true,
    setCookie: opts.setCookie ?? (() => {}),
  };
}

const t = initTRPC.context<Context>().create({
  transformer,
  // No SSE pings (src/http/sse.ts, which serves subscriptions, sends none either): presence
  // heartbeats and the timeout sweep catch vanished clients, and EventSource
  // reconnects dropped streams.
  sse: { ping: { enabled: false } },
  errorFormatter({ shape, error, ctx }) {
    // Stack traces name files and paths: only a developer who asked for them sees them.
    const showStack = ctx?.config.NODE_ENV === "development" && ctx.config.ERROR_STACKS;
    const { stack, ...data } = shape.data;
    return {
      ...shape,
      data: {
        ...data,
        ...(showStack ? { stack } : {}),
        fieldErrors: fieldErrorsOf(error.cause),
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

// Every refusal leaves here as a typed error with a message for humans: zod's
// issues become "field: problem", and the database's own guards (unique keys,
// foreign keys, missing rows) become refusals rather than 500s.
const refusalsForHumans = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) return result;
  const { cause } = result.error;
  if (result.error.code === "PAYLOAD_TOO_LARGE") {
    throw new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: tooLargeMessage(ctx.config.MAX_BODY_BYTES) });
  }
  if (cause instanceof ZodError && result.error.code === "BAD_REQUEST") {
    throw new TRPCError({ code: "BAD_REQUEST", message: describeZodError(cause), cause });
  }
  if (isDatabaseBusy(cause)) {
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "The database is busy. Try again.", cause });
  }
  if (cause instanceof Prisma.PrismaClientKnownRequestError) {
    const refusal = refusalFor(cause);
    if (refusal) throw refusal;
  }
  return result;
});

function refusalFor(error: Prisma.PrismaClientKnownRequestError): TRPCError | null {
  switch (error.code) {
    case "P2002":
      return new TRPCError({ code: "CONFLICT", message: "That already exists.", cause: error });
    case "P2003":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: "That refers to something that does not exist.",
        cause: error,
      });
    case "P2025":
      return new TRPCError({ code: "NOT_FOUND", message: "Not found.", cause: error });
    default:
      return null;
  }
}

/** Counts every call by procedure and outcome, and times queries and mutations. */
const measured = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  ctx.metrics.requests.inc({ procedure: path, type, outcome: result.ok ? "ok" : result.error.code });
  if (type !== "subscription") {
    ctx.metrics.requestSeconds.observe({ procedure: path, type }, (performance.now() - started) / 1000);
  }
  return result;
});

const refuseCrossOriginMutations = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && !ctx.sameOrigin) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Cross-origin request refused." });
  }
  return next();
});

export const publicProcedure = t.procedure.use(measured).use(refusalsForHumans).use(refuseCrossOriginMutations);

export const signedInProcedure = publicProcedure.use(({ ctx, type, signal, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  // A live stream counts against its user's and address's caps until it ends.
  if (type === "subscription" && signal) ctx.streamLimits.open(ctx.user.id, ctx.clientIp, signal);
  return next({ ctx: { user: ctx.user } });
});

export const adminProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "Only admins may do that." });
  return next();
});

/**
 * For procedures whose input names a `sessionId` that only its host GM or an admin may
 * manage. This reads only `sessionId`; each procedure adds its own whole (strict) input.
 */
export const sessionGmProcedure = signedInProcedure
  .input(z.object({ sessionId: Id }))
  .use(async ({ ctx, input, next }) => {
    const gameSession = await ctx.db.gameSession.findUnique({
      where: { id: input.sessionId },
      select: { id: true, hostId: true, status: true },
    });
    if (!gameSession) throw new TRPCError({ code: "NOT_FOUND", message: "No such session." });
    if (!canManageSession(ctx.user, gameSession)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Only the session's GM or an admin may do that." });
    }
    return next({ ctx: { gameSession } });
  });

/**
 * For procedures whose input names a `sessionId` the caller must be able to see by its
 * id (src/sessions/visibility.ts): an unlisted or campaign session stays hidden from outsiders.
 */
export const sessionReaderProcedure = signedInProcedure
  .input(z.object({ sessionId: Id }))
  .use(async ({ ctx, input, next }) => {
    await assertMaySeeSession(ctx.db, ctx.user, input.sessionId);
    return next();
  });
