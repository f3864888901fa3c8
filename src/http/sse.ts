// tRPC subscriptions served as Server-Sent Events, written straight to the socket.
//
// Why not tRPC's own HTTP adapter for these: it moves every event through five web
// streams (generator → ReadableStream → TransformStream → TextEncoderStream →
// ReadableStream → pipeTo a WritableStream), which on Node 20 costs about 0.3 ms of
// CPU per event per subscriber: 300 ms to tell 1,000 players that someone sat down
// (npm run bench measures both). Here an event costs a frame written to the socket,
// and its payload is serialized once, however many subscribers it goes to.
//
// The procedure still runs through tRPC (middlewares, input parsing, error shapes),
// and the frames are tRPC's own SSE format (`sseStreamProducer`: a `connected`
// event, then data with ids from `tracked()`, then `return` or `serialized-error`),
// so `httpSubscriptionLink` reads them unchanged; src/http/sse.test.ts holds the two side
// by side. Not carried over: pings and `sse.maxDurationMs`, which Quorum does not use.
// Queries, mutations and any request this does not recognise stay with tRPC's adapter.
import { once } from "node:events";
import type http from "node:http";
import { getTRPCErrorFromUnknown, TRPCError } from "@trpc/server";
import { isObservable, observableToAsyncIterable } from "@trpc/server/observable";
import {
  type AnyRouter,
  getErrorShape,
  getProcedureAtPath,
  isAbortError,
  isAsyncIterable,
  isTrackedEnvelope,
  sseHeaders,
} from "@trpc/server/unstable-core-do-not-import";

type SubscriptionServerOptions<TContext> = {
  router: AnyRouter;
  createContext: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<TContext>;
  onError: (opts: { error: TRPCError; path: string }) => void;
  /** A stream opened (+1) or closed (-1), for the open-streams gauge. */
  onStreamCount?: (path: string, change: 1 | -1) => void;
  /** A failure nobody can be told of (the client already left). */
  onCleanupError?: (error: unknown) => void;
};

/**
 * Returns a handler for `GET <base><procedure path>?<query>`, given the URL after the
 * base; it answers false, touching nothing, when that is not a subscription, so the
 * caller can pass the request on (queries pay one lookup, nothing more).
 */
export function createSubscriptionServer<TContext>({
  router,
  createContext,
  onError,
  onStreamCount = () => {},
  onCleanupError = (error) => console.error("A subscription failed to clean up after its client left:", error),
}: SubscriptionServerOptions<TContext>) {
  const config = router._def._config;
  if (config.sse?.ping?.enabled || config.sse?.maxDurationMs) {
    throw new Error(
      "src/http/sse.ts sends no SSE pings and sets no maximum duration: add them here before configuring them.",
    );
  }
  const serialize = (value: unknown) => JSON.stringify(config.transformer.output.serialize(value));
  // One snapshot reaches every subscriber of a channel as the same object: encode its
  // frame once and write the same bytes to every socket. (Payloads are built per
  // publish and never changed after.)
  const frames = new WeakMap<object, { id: string; bytes: Buffer }>();
  const frameOf = (id: string, data: unknown): Buffer | string => {
    if (typeof data !== "object" || data === null) return `id: ${id}\ndata: ${serialize(data)}\n\n`;
    const cached = frames.get(data);
    if (cached?.id === id) return cached.bytes;
    const bytes = Buffer.from(`id: ${id}\ndata: ${serialize(data)}\n\n`);
    frames.set(data, { id, bytes });
    return bytes;
  };

  // Streams being served, by how to end each for a restart; once draining, a stream that
  // starts (or finishes starting) is ended that way at once.
  const restartable = new Set<() => void>();
  let draining = false;
  /**
   * Ends every stream with a retryable error and a reconnection delay: each client
   * reconnects (to another process, behind a load balancer) and resumes from its last
   * event id. For a shutdown; a random delay spreads the reconnections out.
   */
  const endAllForRestart = () => {
    draining = true;
    for (const end of restartable) end();
  };
  // The handler resolves once the stream has ended and run its procedure's cleanup (a
  // shutdown waits for that).
  return Object.assign(serveSubscription, { endAllForRestart });

  async function serveSubscription(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    target: string,
  ): Promise<boolean> {
    if (req.method !== "GET" || config.sse?.enabled === false) return false;
    const queryStart = target.indexOf("?");
    const path = safeDecode(queryStart === -1 ? target : target.slice(0, queryStart));
    const procedure = path === null ? null : await getProcedureAtPath(router, path).catch(() => null);
    if (path === null || procedure?._def.type !== "subscription") return false;
    const searchParams = new URLSearchParams(queryStart === -1 ? "" : target.slice(queryStart + 1));
    if (searchParams.get("batch") === "1") return false;

    const abort = new AbortController();
    res.once("close", () => {
      if (!res.writableEnded) abort.abort(); // the client left before the stream ended
    });
    const send = async (frame: string | Buffer) => {
      // While the socket's buffer is full, wait rather than pile frames on it; events
      // then wait in the subscription's own queue, as they do under tRPC's adapter.
      if (!res.write(frame)) await once(res, "drain", { signal: abort.signal });
    };

    // EventSource sends the last id it saw as a header when it reconnects by itself.
    const resumeFrom =
      [req.headers["last-event-id"]].flat()[0] ?? searchParams.get("lastEventId") ?? searchParams.get("Last-Event-Id");
    let input: unknown;
    let parsing: Promise<unknown> | undefined;
    // Read when the input middleware asks, after the context and auth, as tRPC does.
    const getRawInput = () => {
      parsing ??= (async () => {
        input = readInput(config.transformer.input.deserialize, searchParams.get("input"), resumeFrom);
        return input;
      })();
      return parsing;
    };

    // The context (which may refresh the auth cookie) and the middlewares run before
    // the head is written. A refusal still opens the stream, as with tRPC: the client
    // reads it as the subscription's error, not as a broken connection to retry.
    let ctx: TContext | undefined;
    let events: AsyncIterable<unknown> | undefined;
    let refusal: { cause: unknown } | undefined;
    try {
      ctx = await createContext(req, res);
      const result = await procedure({
        path,
        getRawInput,
        ctx,
        type: "subscription",
        signal: abort.signal,
        batchIndex: 0,
      });
      events = isObservable(result) ? observableToAsyncIterable(result, abort.signal) : result;
      if (!isAsyncIterable(events)) {
        throw new TRPCError({
          code: "INTERNAL_SERVER_ERROR",
          message: `Subscription ${path} did not return an observable or an async generator`,
        });
      }
    } catch (cause) {
      refusal = { cause };
    }

    onStreamCount(path, 1);
    let restarting = false;
    const endForRestart = () => {
      restarting = true;
      abort.abort();
    };
    restartable.add(endForRestart);
    if (draining) endForRestart();
    try {
      res.writeHead(200, { ...sseHeaders, Vary: "trpc-accept, accept" });
      await send(`event: connected\ndata: ${JSON.stringify(config.sse?.client ?? {})}\n\n`);
      if (refusal || !events) throw refusal?.cause;
      let lastEventId = resumeFrom && !/[\0\n\r]/.test(resumeFrom) ? resumeFrom : null;
      await forward(events, abort.signal, onCleanupError, async (value) => {
        if (isTrackedEnvelope(value)) {
          lastEventId = value[0];
          await send(frameOf(lastEventId, value[1]));
        } else if (lastEventId === null) {
          await send(`data: ${serialize(value)}\n\n`);
        } else {
          // An event without an id must not look like the last tracked one to the
          // client's EventSource: clear the id for it, then put the last one back.
          await send(`id: \ndata: ${serialize(value)}\n\nevent: restore-id\nid: ${lastEventId}\ndata: \n\n`);
        }
      });
      if (!abort.signal.aborted) await send("event: return\ndata: \n\n");
    } catch (cause) {
      if (isAbortError(cause)) return true;
      const error = getTRPCErrorFromUnknown(cause);
      onError({ error, path });
      if (abort.signal.aborted) return true; // nobody left to tell
      const shape = getErrorShape({ config, ctx, error, input, path, type: "subscription" });
      res.write(`event: serialized-error\ndata: ${serialize(shape)}\n\n`);
    } finally {
      restartable.delete(endForRestart);
      if (restarting && !res.destroyed) {
        const error = new TRPCError({
          code: "SERVICE_UNAVAILABLE",
          message: "The server is restarting. Reconnecting…",
        });
        const shape = getErrorShape({ config, ctx, error, input, path, type: "subscription" });
        const retryMs = 250 + Math.floor(Math.random() * 1_750);
        res.write(`retry: ${retryMs}\nevent: serialized-error\ndata: ${serialize(shape)}\n\n`);
      }
      res.end();
      // However the stream ended (done, failed, client gone), the procedure's signal
      // ends with it: anything still listening on its behalf (the event bus) lets go.
      abort.abort();
      onStreamCount(path, -1);
    }
    return true;
  }
}

/** The procedure's input from `?input=`, with the id to resume from added, as tRPC does. */
function readInput(deserialize: (value: unknown) => unknown, raw: string | null, resumeFrom: string | null): unknown {
  let input: unknown;
  try {
    input = raw === null ? undefined : deserialize(JSON.parse(raw));
  } catch (cause) {
    throw new TRPCError({ code: "BAD_REQUEST", cause }); // JSON's own message, as tRPC answers
  }
  if (!resumeFrom) return input;
  if (input === undefined || input === null) return { lastEventId: resumeFrom };
  return typeof input === "object" && !Array.isArray(input) ? { ...input, lastEventId: resumeFrom } : input;
}

/** A malformed %-escape is left for tRPC's adapter to refuse. */
function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Hands each event to `write` until the stream ends or the client goes away. */
async function forward(
  events: AsyncIterable<unknown>,
  signal: AbortSignal,
  onCleanupError: (error: unknown) => void,
  write: (value: unknown) => Promise<void>,
) {
  const iterator = events[Symbol.asyncIterator]();
  // A generator waiting for its next event cannot be stopped from outside; asking it
  // to return once the client leaves lets its `finally` run as soon as it can.
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= Promise.resolve()
      .then(() => iterator.return?.())
      .then(
        () => {},
        (error: unknown) => {
          if (!isAbortError(error)) onCleanupError(error);
        },
      );
  };
  signal.addEventListener("abort", stop, { once: true });
  let ended = false;
  try {
    while (!signal.aborted) {
      const next = await iterator.next();
      ended = next.done === true;
      if (ended) return;
      await write(next.value);
    }
  } finally {
    signal.removeEventListener("abort", stop);
    if (!ended) stop();
    // The stream is over once the procedure's own `finally` has run (presence's
    // "last tab closed" writes to the database): a shutdown waits for it.
    await stopping;
  }
}
