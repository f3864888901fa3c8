// The HTTP server: the tRPC API under /trpc, /healthz, and the built web client.
import http from "node:http";
import { BlockList, isIPv4, isIPv6 } from "node:net";
import { TRPCError } from "@trpc/server";
import type { TRPCRequestInfo } from "@trpc/server/http";
import { authenticateRequest } from "../auth/request-auth.ts";
import { calendarForFeedPath, isCalendarFeedPath } from "../calendar/rules.ts";
import { createInFlight } from "../in-flight.ts";
import { unsubscribe } from "../notifications/unsubscribe.ts";
import { appRouter } from "../router.ts";
import type { Services } from "../services.ts";
import { createContextInner } from "../trpc.ts";
import { createCallHandler } from "./calls.ts";
import { firstScreenPages, isPageRequest } from "./first-screen.ts";
import { securityHeaders } from "./security-headers.ts";
import { createSubscriptionServer } from "./sse.ts";
import { clientDistDir, staticClient } from "./static-client.ts";

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Where a reverse proxy may stand: loopback and private networks. A forwarded address
 * is believed only from there, so a client that reaches the app port directly (past
 * the proxy) cannot choose its own address.
 */
const proxyNetworks = new BlockList();
for (const [network, prefix] of [
  ["127.0.0.0", 8],
  ["10.0.0.0", 8],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const) {
  proxyNetworks.addSubnet(network, prefix, "ipv4");
  proxyNetworks.addSubnet(`::ffff:${network}`, 96 + prefix, "ipv6");
}
proxyNetworks.addAddress("::1", "ipv6");
proxyNetworks.addSubnet("fc00::", 7, "ipv6");

function mayBeProxy(address: string): boolean {
  const family = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : null;
  return family !== null && proxyNetworks.check(address, family);
}

/**
 * The client's address: the peer's, or behind `trustedProxies` proxies, the address the
 * outermost of them appended to X-Forwarded-For. Entries left of it came from the
 * client, which can write anything there.
 */
export function clientIp(req: http.IncomingMessage, trustedProxies: number): string {
  const peer = req.socket.remoteAddress || "unknown";
  if (trustedProxies === 0 || !mayBeProxy(peer)) return peer;
  const forwarded = (req.headers["x-forwarded-for"] ?? "")
    .toString()
    .split(",")
    .map((address) => address.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? peer;
}

/**
 * Where the browser sent this request: its scheme (https on a TLS socket, or as a
 * trusted proxy's X-Forwarded-Proto says), Host and port. Null without a Host.
 */
export function requestOrigin(req: http.IncomingMessage, trustedProxies: number): string | null {
  const host = header(req, "host");
  if (!host) return null;
  const viaProxy = trustedProxies > 0 && mayBeProxy(req.socket.remoteAddress ?? "");
  // The proxy nearest the client sets the scheme; proxies behind it pass it on.
  const forwarded = viaProxy ? header(req, "x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() : undefined;
  const encrypted = "encrypted" in req.socket && req.socket.encrypted === true;
  const scheme = forwarded === "https" || forwarded === "http" ? forwarded : encrypted ? "https" : "http";
  const url = `${scheme}://${host}`;
  return URL.canParse(url) ? new URL(url).origin : null;
}

/** The most calls one batched request may carry: each may cost queries, one request must not cost thousands. */
export const MAX_BATCH_CALLS = 10;
/** Calls that hash a password (Argon2, deliberately slow) or email a typed address: one per request, never batched. */
const PASSWORD_CALLS = new Set(["auth.signUp", "auth.finishSignUp", "auth.signIn"]);

/** Refuses, before any work, a batch too large or one that hides password checks among other calls. */
function checkBatch(info: TRPCRequestInfo | undefined): void {
  if (!info?.isBatchCall) return;
  if (info.calls.length > MAX_BATCH_CALLS) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `A batch may hold at most ${MAX_BATCH_CALLS} calls; this one holds ${info.calls.length}.`,
    });
  }
  if (info.calls.length > 1 && info.calls.some((call) => PASSWORD_CALLS.has(call.path))) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Send sign-in and sign-up on their own, not in a batch." });
  }
}

/** Who is asking, from the cookie or bearer token; a refreshed auth cookie goes out with the answer. */
async function contextFor(services: Services, req: http.IncomingMessage, res: http.ServerResponse) {
  const auth = await authenticateRequest(services, {
    method: req.method ?? "GET",
    requestOrigin: requestOrigin(req, services.config.TRUST_PROXY),
    origin: header(req, "origin"),
    cookie: header(req, "cookie"),
    authorization: header(req, "authorization"),
  });
  // A token that names nobody is refused even where signing in is optional: a script
  // must learn its token is dead, not quietly get what anonymous visitors get.
  if (auth.credential?.kind === "apiToken" && !auth.user) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "This API token is revoked, expired or mistyped." });
  }
  const setCookie = (cookie: string) => res.appendHeader("Set-Cookie", cookie);
  if (auth.cookie) setCookie(auth.cookie);
  return createContextInner(services, {
    user: auth.user,
    authSessionToken: auth.authSessionToken,
    credential: auth.credential,
    sameOrigin: auth.sameOrigin,
    clientIp: clientIp(req, services.config.TRUST_PROXY),
    setCookie,
  });
}

export type QuorumServer = http.Server & {
  /**
   * Resolves once every request let in has been answered, and every live stream has
   * ended and cleaned up. Call it after `close`, before the database goes.
   */
  settled: () => Promise<void>;
  /**
   * For a shutdown, after `close`: answers from now on close their connection, and every
   * live stream ends so that its client reconnects (elsewhere) and resumes.
   */
  drain: () => void;
};

export function createHttpServer(services: Services): QuorumServer {
  const onError = ({ error, path }: { error: TRPCError; path?: string }) => {
    if (error.code === "INTERNAL_SERVER_ERROR") {
      services.log.error({ err: error.cause ?? error, procedure: path }, `tRPC ${path ?? "?"} failed`);
    }
  };
  const calls = createCallHandler({
    router: appRouter,
    maxBodyBytes: services.config.MAX_BODY_BYTES,
    createContext: (req, res, info) => {
      checkBatch(info);
      return contextFor(services, req, res);
    },
    onError,
  });
  const subscriptions = createSubscriptionServer({
    router: appRouter,
    createContext: (req, res) => contextFor(services, req, res),
    onError,
    onStreamCount: (procedure, change) => services.metrics.openStreams.inc({ procedure }, change),
    onCleanupError: (error) =>
      services.log.error({ err: error }, "A subscription failed to clean up after its client left"),
  });

  const client = staticClient();
  const pages = firstScreenPages(clientDistDir, (req, res) => contextFor(services, req, res));
  const secure = securityHeaders(services.config);

  let draining = false;
  const route = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    secure(req, res);
    if (draining) res.setHeader("Connection", "close"); // the client's next request goes elsewhere
    const url = req.url ?? "/";
    if (url.startsWith("/trpc/")) {
      const target = url.slice("/trpc/".length);
      const served = await subscriptions(req, res, target);
      if (!served) await calls(req, res, target);
      return;
    }
    const path = url.split("?")[0] ?? "/";
    if (path === "/healthz") return healthz(services, res);
    if (isCalendarFeedPath(path)) return calendarFeed(services, path, res);
    if (path === "/unsubscribe" && req.method === "POST") return oneClickUnsubscribe(services, url, res);
    if (pages && isPageRequest(req, path)) return pages(req, res, path);
    if (client) return client(req, res, () => notFound(res));
    notFound(res);
  };

  // Every request is counted from the moment it arrives until its handler is done, so a
  // shutdown can wait for the work it let in (a query whose client has gone still runs).
  const requests = createInFlight();
  const server = http.createServer((req, res) => {
    void requests.track(() => route(req, res).catch(failed(services, res)));
  });
  // Past this, new connections are closed at once: a flood of streams cannot exhaust the process.
  server.maxConnections = services.config.MAX_CONNECTIONS;
  // A client gets this long to send its headers, and its whole request (a live stream's
  // response may then last for hours: these bound only what the client sends).
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const drain = () => {
    draining = true;
    subscriptions.endAllForRestart();
  };
  return Object.assign(server, { settled: requests.idle, drain });
}

/** Whether this process reaches its database and its event bus; a load balancer's probe. */
async function healthz(services: Services, res: http.ServerResponse) {
  const within = (check: Promise<unknown>) =>
    Promise.race([
      check.then(() => "ok" as const),
      new Promise<"unreachable">((resolve) => setTimeout(resolve, 2_000, "unreachable").unref()),
    ]).catch(() => "unreachable" as const);
  const [database, events] = await Promise.all([
    within(services.db.$queryRaw`SELECT 1`),
    within(services.events.check()),
  ]);
  const ok = database === "ok" && events === "ok";
  if (!ok) services.log.error({ database, events }, "Health check failed");
  res
    .writeHead(ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" })
    .end(JSON.stringify({ ok, database, events, process: services.processId }));
}

/** Calendar apps fetch this without cookies or headers: the secret in the path is the key. */
async function calendarFeed(services: Services, path: string, res: http.ServerResponse) {
  try {
    const ics = await calendarForFeedPath(services.db, services.config, path, services.now());
    if (ics === null) return notFound(res);
    res
      .writeHead(200, { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, max-age=300" })
      .end(ics);
  } catch (error) {
    services.log.error({ err: error }, "A calendar feed failed");
    res.writeHead(500, { "content-type": "text/plain" }).end("Calendar unavailable");
  }
}

/**
 * RFC 8058's one-click unsubscribe: a mail client POSTs "List-Unsubscribe=One-Click" to
 * the URL in the List-Unsubscribe header, without cookies. (Opened in a browser, the
 * same URL is the web client's page, which asks before it acts.) The signed token in
 * the URL is the whole authority, so the body need not be read.
 */
async function oneClickUnsubscribe(services: Services, url: string, res: http.ServerResponse) {
  const token = new URL(url, "http://quorum").searchParams.get("token") ?? "";
  try {
    const { message } = await unsubscribe(services.db, token);
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(message);
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end(error.message);
  }
}

/** A request that broke in a way its handler did not foresee: log it, and drop the connection. */
const failed = (services: Services, res: http.ServerResponse) => (error: unknown) => {
  services.log.error({ err: error }, "A request failed unexpectedly");
  res.destroy();
};

function notFound(res: http.ServerResponse) {
  res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
}
