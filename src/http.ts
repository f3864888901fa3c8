// The HTTP server: the tRPC API under /trpc, /healthz, and the built web client.
import { existsSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import type { TRPCError } from "@trpc/server";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import sirv from "sirv";
import { authenticateRequest } from "./auth/request-auth.ts";
import { calendarForFeedPath, isCalendarFeedPath } from "./calendar/rules.ts";
import { appRouter } from "./router.ts";
import type { Services } from "./services.ts";
import { createSubscriptionServer } from "./sse.ts";
import { createContextInner } from "./trpc.ts";

export const clientDistDir = fileURLToPath(new URL("../dist/client", import.meta.url));

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function clientIp(req: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? header(req, "x-forwarded-for")?.split(",")[0]?.trim() : undefined;
  return forwarded || req.socket.remoteAddress || "unknown";
}

/** Who is asking, from the cookie or bearer token; a refreshed auth cookie goes out with the answer. */
async function contextFor(services: Services, req: http.IncomingMessage, res: http.ServerResponse) {
  const auth = await authenticateRequest(services, {
    method: req.method ?? "GET",
    host: header(req, "host"),
    origin: header(req, "origin"),
    cookie: header(req, "cookie"),
    authorization: header(req, "authorization"),
  });
  const setCookie = (cookie: string) => res.appendHeader("Set-Cookie", cookie);
  if (auth.cookie) setCookie(auth.cookie);
  return createContextInner(services, {
    user: auth.user,
    authSessionToken: auth.authSessionToken,
    sameOrigin: auth.sameOrigin,
    clientIp: clientIp(req, services.config.TRUST_PROXY),
    setCookie,
  });
}

export function createHttpServer(services: Services): http.Server {
  const onError = ({ error, path }: { error: TRPCError; path?: string }) => {
    if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
  };
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    createContext: ({ req, res }) => contextFor(services, req, res),
    onError,
  });
  const subscriptions = createSubscriptionServer({
    router: appRouter,
    createContext: (req, res) => contextFor(services, req, res),
    onError,
  });

  const client = existsSync(clientDistDir)
    ? sirv(clientDistDir, { single: true, etag: true, gzip: true, brotli: true })
    : null;

  return http.createServer(async (req, res) => {
    const url = req.url ?? "/";
    if (url.startsWith("/trpc/")) {
      const served = await subscriptions(req, res, url.slice("/trpc/".length)).catch(failed(res));
      if (!served) trpc(req, res);
      return;
    }
    const path = url.split("?")[0] ?? "/";
    if (path === "/healthz") return healthz(services, res);
    if (isCalendarFeedPath(path)) return calendarFeed(services, path, res);
    if (client) return client(req, res, () => notFound(res));
    notFound(res);
  });
}

async function healthz(services: Services, res: http.ServerResponse) {
  try {
    await services.db.$queryRaw`SELECT 1`;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
  } catch (error) {
    console.error("healthz: database unreachable", error);
    res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ ok: false }));
  }
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
    console.error("calendar feed failed", error);
    res.writeHead(500, { "content-type": "text/plain" }).end("Calendar unavailable");
  }
}

/** A stream that broke in a way src/sse.ts did not foresee: log it, and drop the connection. */
const failed = (res: http.ServerResponse) => (error: unknown) => {
  console.error("subscription stream failed", error);
  res.destroy();
  return true;
};

function notFound(res: http.ServerResponse) {
  res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
}
