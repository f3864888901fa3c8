// The web client's page (index.html) for a browser's navigation, with what its first
// screen needs already inside: the screen's code, named for the browser to fetch beside
// the main bundle (modulepreload), and its data: who is signed in, their unread count and
// account, on the sessions list its first page and open polls, and on the front page
// (signed out) the games with a seat open. A phone then draws
// the screen as soon as the code has run, not a round trip or two later (0.6 s each on
// Fast 3G).
// The data is the person's own, exactly what the same procedures answer them, so the
// page is private to them and never stored by a shared cache.
import { existsSync, readFileSync } from "node:fs";
import type http from "node:http";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { appRouter } from "../router.ts";
import { NO_FILTERS, OPEN_GAMES_INPUT, upcomingSessionsInput } from "../sessions/upcoming.ts";
import { type Context, createCallerFactory } from "../trpc.ts";
import { transformer } from "../wire.ts";
import { linkPreviewTags } from "./link-preview.ts";

const createCaller = createCallerFactory(appRouter);
type Caller = ReturnType<typeof createCaller>;

/** Read by client/lib/first-screen.ts, under the same names. */
export type FirstScreenData = {
  me: Awaited<ReturnType<Caller["auth"]["me"]>>;
  account?: Awaited<ReturnType<Caller["account"]["get"]>>;
  unreadCount?: Awaited<ReturnType<Caller["notification"]["unreadCount"]>>;
  upcomingSessions?: Awaited<ReturnType<Caller["session"]["list"]>>;
  openPolls?: Awaited<ReturnType<Caller["poll"]["list"]>>;
  openGames?: Awaited<ReturnType<Caller["session"]["search"]>>;
};

export const FIRST_SCREEN_ELEMENT_ID = "first-screen";

/** A screen's address (not a file, not the API): the client's router draws it. */
export function isPageRequest(req: http.IncomingMessage, path: string): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (path === "/index.html") return true;
  if (path.startsWith("/assets/") || path.startsWith("/trpc/")) return false;
  const lastSegment = path.slice(path.lastIndexOf("/") + 1);
  return !lastSegment.includes(".");
}

/** The screens people land on, as their source file in client/ (Vite's manifest names them so). */
const LANDING_SCREENS = ["routes/Sessions.tsx", "routes/FrontPage.tsx", "routes/SignIn.tsx"];

function landingScreen(path: string, signedIn: boolean): string | undefined {
  if (path === "/") return signedIn ? "routes/Sessions.tsx" : "routes/FrontPage.tsx";
  if (path === "/sign-in") return "routes/SignIn.tsx";
  return undefined;
}

type Manifest = Record<string, { file: string; imports?: string[]; isEntry?: boolean }>;

/** `<link rel="modulepreload">` for a screen's chunk and the chunks it imports, less the main bundle's own. */
function screenPreloads(manifest: Manifest, screen: string): string {
  const files = new Set<string>();
  const add = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || chunk.isEntry || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) add(imported);
  };
  add(screen);
  const loaded = manifest["index.html"]?.imports?.map((key) => manifest[key]?.file) ?? [];
  return [...files]
    .filter((file) => !loaded.includes(file))
    .map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`)
    .join("");
}

/** Null when the client has not been built. */
export function firstScreenPages(
  dir: string,
  contextFor: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<Context>,
) {
  const file = join(dir, "index.html");
  if (!existsSync(file)) return null;
  const html = readFileSync(file, "utf8");
  if (!html.includes("</body>") || !html.includes("</head>")) throw new Error(`${file} is not the built page`);
  const manifest = JSON.parse(readFileSync(join(dir, ".vite/manifest.json"), "utf8")) as Manifest;
  const pages = new Map(
    LANDING_SCREENS.map((screen) => [screen, html.replace("</head>", `${screenPreloads(manifest, screen)}</head>`)]),
  );
  return async (req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> => {
    const ctx = await contextFor(req, res);
    const route = path === "/index.html" ? "/" : path;
    const data = await firstScreenData(createCaller(ctx), route, ctx.now());
    // devalue writes JSON; "<" only ever stands inside its strings, where \u003c reads the same.
    const text = transformer.output.serialize(data).replaceAll("<", "\\u003c");
    const preview = await linkPreviewTags(ctx, path);
    const screen = landingScreen(route, data.me !== null);
    const page = ((screen && pages.get(screen)) ?? html)
      .replace("</head>", `${preview}</head>`)
      .replace("</body>", `<script type="application/json" id="${FIRST_SCREEN_ELEMENT_ID}">${text}</script></body>`);
    send(req, res, page);
  };
}

async function firstScreenData(caller: Caller, path: string, now: Date): Promise<FirstScreenData> {
  const me = await caller.auth.me();
  const home = path === "/";
  if (!me) return { me, openGames: home ? await caller.session.search(OPEN_GAMES_INPUT) : undefined };
  const [account, unreadCount, upcomingSessions, openPolls] = await Promise.all([
    caller.account.get(),
    caller.notification.unreadCount(),
    home ? caller.session.list(upcomingSessionsInput(NO_FILTERS, null, now)) : undefined,
    home ? caller.poll.list({}) : undefined,
  ]);
  return { me, account, unreadCount, upcomingSessions, openPolls };
}

/** Compressed as the browser accepts (the page is small: this costs well under a millisecond). */
function send(req: http.IncomingMessage, res: http.ServerResponse, page: string): void {
  const accepts = req.headers["accept-encoding"] ?? "";
  const [encoding, body] = /\bbr\b/.test(accepts)
    ? ["br", brotliCompressSync(page, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })]
    : /\bgzip\b/.test(accepts)
      ? ["gzip", gzipSync(page)]
      : [undefined, Buffer.from(page)];
  res.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-length": body.length,
    "cache-control": "private, no-cache",
    vary: "Cookie, Accept-Encoding",
    ...(encoding ? { "content-encoding": encoding } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
