// The SSE writer against tRPC's own HTTP adapter: the same router served both ways
// must put the same events on the wire, and tRPC's client must read ours unchanged.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from "@trpc/client";
import { initTRPC, TRPCError, tracked } from "@trpc/server";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { observable } from "@trpc/server/observable";
import { EventSource } from "eventsource";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { until } from "../../tests/processes.ts";
import { createSubscriptionServer } from "./sse.ts";

// isDev off: error shapes then carry no stack, whose line numbers would differ.
const t = initTRPC.create({
  transformer: superjson,
  isDev: false,
  sse: { client: { reconnectAfterInactivityMs: 5_000 } },
});
let cleanedUp = 0;

const testRouter = t.router({
  finite: t.procedure
    .input(z.object({ from: z.number(), lastEventId: z.string().optional() }))
    .subscription(async function* ({ input }) {
      yield tracked(String(input.from), { n: input.from, at: new Date(0), resumedFrom: input.lastEventId ?? null });
      yield tracked(String(input.from + 1), { n: input.from + 1, at: new Date(1) });
      yield { untracked: true };
    }),
  untrackedOnly: t.procedure.subscription(async function* () {
    yield 1;
    yield "two";
  }),
  failing: t.procedure.subscription(async function* () {
    yield tracked("1", { ok: true });
    throw new TRPCError({ code: "FORBIDDEN", message: "You may not watch this." });
  }),
  observed: t.procedure.subscription(() =>
    observable<number>((emit) => {
      emit.next(1);
      emit.next(2);
      emit.complete();
      return () => {};
    }),
  ),
  endless: t.procedure.subscription(async function* ({ signal }) {
    try {
      yield tracked("0", "hello");
      await new Promise((resolve) => signal?.addEventListener("abort", resolve));
    } finally {
      cleanedUp += 1;
    }
  }),
  guarded: t.procedure
    .use(() => {
      throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
    })
    .input(z.object({ sessionId: z.string() }))
    .subscription(async function* () {
      yield "never";
    }),
  hello: t.procedure.input(z.string()).query(({ input }) => `hello ${input}`),
});

const errors: string[] = [];
const onError = ({ error }: { error: TRPCError }) => void errors.push(error.code);
const trpcAdapter = createHTTPHandler({ router: testRouter, basePath: "/trpc/", onError });
const ours = createSubscriptionServer({ router: testRouter, createContext: async () => ({}), onError });

function listen(handler: http.RequestListener): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`, server });
    }),
  );
}

let tRPCs: string;
let ourUrl: string;
const servers: http.Server[] = [];
beforeAll(async () => {
  const reference = await listen(trpcAdapter);
  const withOurs = await listen(async (req, res) => {
    if (await ours(req, res, (req.url ?? "").slice("/trpc/".length))) return;
    trpcAdapter(req, res);
  });
  tRPCs = reference.url;
  ourUrl = withOurs.url;
  servers.push(reference.server, withOurs.server);
});
afterAll(() => {
  for (const server of servers) server.close();
});

/** Every event of a subscription that ends by itself, read off the wire. */
function readStream(url: string, headers: Record<string, string> = {}) {
  type Read = { status: number; headers: Record<string, unknown>; events: EventSourceMessage[] };
  return new Promise<Read>((resolve, reject) => {
    http
      .get(url, { headers: { accept: "text/event-stream", ...headers } }, (response) => {
        const events: EventSourceMessage[] = [];
        const parser = createParser({ onEvent: (event) => events.push(event) });
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => parser.feed(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: withoutDate(response.headers), events }),
        );
      })
      .on("error", reject);
  });
}

function withoutDate({ date, ...headers }: http.IncomingHttpHeaders) {
  return headers;
}

const input = (value: unknown) => `?input=${encodeURIComponent(superjson.stringify(value))}`;

describe("the frames are tRPC's own", () => {
  const cases: [string, string, Record<string, string>?][] = [
    ["tracked events, then one without an id", `/finite${input({ from: 7 })}`],
    ["resuming from the Last-Event-ID header", `/finite${input({ from: 9 })}`, { "last-event-id": "8" }],
    ["resuming from ?lastEventId=", `/finite${input({ from: 9 })}&lastEventId=8`],
    ["events without ids", "/untrackedOnly"],
    ["an error after the first event", "/failing"],
    ["an observable", "/observed"],
    ["input that fails validation", `/finite${input({ from: "seven" })}`],
    ["input that is not JSON", "/finite?input=%7Bnope"],
    ["a middleware's refusal, before the input is read", "/guarded?input=%7Bnope"],
  ];
  test.each(cases)("%s", async (_, path, headers) => {
    const [theirs, mine] = await Promise.all([readStream(tRPCs + path, headers), readStream(ourUrl + path, headers)]);
    expect(theirs.events.length).toBeGreaterThan(1);
    expect(mine).toEqual(theirs);
  });

  test("what the events say, spelled out for one stream", async () => {
    const { events } = await readStream(`${ourUrl}/finite${input({ from: 1 })}`);
    expect(events.map(({ event, id }) => [event, id])).toEqual([
      ["connected", undefined],
      [undefined, "1"],
      [undefined, "2"],
      [undefined, ""],
      ["restore-id", "2"],
      ["return", undefined],
    ]);
    expect(JSON.parse(events[0]?.data ?? "")).toEqual({ reconnectAfterInactivityMs: 5_000 });
    expect(superjson.parse(events[1]?.data ?? "")).toEqual({ n: 1, at: new Date(0), resumedFrom: null });
  });
});

describe("tRPC's client reads our streams", () => {
  const client = () =>
    createTRPCClient<typeof testRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: ourUrl, transformer: superjson, EventSource }),
          false: httpBatchLink({ url: ourUrl, transformer: superjson }),
        }),
      ],
    });

  test("data with ids, then the end of the stream", async () => {
    const received: unknown[] = [];
    await new Promise<void>((resolve, reject) =>
      client().finite.subscribe(
        { from: 3 },
        { onData: (event) => received.push(event), onComplete: resolve, onError: reject },
      ),
    );
    expect(received).toEqual([
      { id: "3", data: { n: 3, at: new Date(0), resumedFrom: null } },
      { id: "4", data: { n: 4, at: new Date(1) } },
      { untracked: true },
    ]);
  });

  test("a refusal arrives as a typed error with its code and message", async () => {
    const received: unknown[] = [];
    const error = await new Promise<unknown>((resolve) =>
      client().failing.subscribe(undefined, { onData: (event) => received.push(event), onError: resolve }),
    );
    expect(received).toEqual([{ id: "1", data: { ok: true } }]);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<typeof testRouter>).data?.code).toBe("FORBIDDEN");
    expect((error as Error).message).toBe("You may not watch this.");
  });

  test("leaving runs the subscription's cleanup at once", async () => {
    const before = cleanedUp;
    let opened = false;
    const subscription = client().endless.subscribe(undefined, {
      onData: () => {
        opened = true;
      },
    });
    await until(() => opened, "the first event");
    expect(cleanedUp).toBe(before);
    subscription.unsubscribe();
    await until(() => cleanedUp === before + 1, "the subscription's finally block");
  });

  test("queries and unknown paths are left to tRPC's adapter", async () => {
    expect(await client().hello.query("table")).toBe("hello table");
    const unknown = await readStream(`${ourUrl}/nowhere`);
    expect(unknown.status).toBe(404);
  });
});

describe("a restart", () => {
  test("ends each open stream with a retry delay and a retryable error, and so every stream that starts after", async () => {
    const restarting = createSubscriptionServer({ router: testRouter, createContext: async () => ({}), onError });
    const { url, server } = await listen(async (req, res) => {
      await restarting(req, res, (req.url ?? "").slice("/trpc/".length));
    });
    servers.push(server);
    const restartFrame = (events: EventSourceMessage[]) => {
      const last = events.at(-1);
      expect(last?.event).toBe("serialized-error");
      expect(JSON.parse(last!.data).json).toMatchObject({
        message: "The server is restarting. Reconnecting…",
        data: { code: "SERVICE_UNAVAILABLE" },
      });
    };
    const received: EventSourceMessage[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      http
        .get(`${url}/endless`, (response) => {
          const parser = createParser({ onEvent: (event) => received.push(event) });
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => parser.feed(chunk));
          response.on("end", resolve);
        })
        .on("error", reject);
    });
    await until(() => received.some((e) => e.data === '{"json":"hello"}'), "the stream's first event", 5_000);
    restarting.endAllForRestart();
    await ended;
    restartFrame(received);
    // Started while the process drains (a reconnect on a kept-alive connection, say): ended at once.
    const late = await readStream(`${url}/endless`);
    expect(late.events.map((e) => e.event)).toEqual(["connected", "serialized-error"]);
    restartFrame(late.events);
  });
});
