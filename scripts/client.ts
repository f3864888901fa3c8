// The typed Quorum client for scripts: the same router types, links and transformer
// (src/wire.ts) as the web client, authenticated with a personal API token.
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import makeFetchCookie from "fetch-cookie";
import { CookieJar } from "tough-cookie";
import type { AppRouter } from "../src/router.ts";
import { transformer } from "../src/wire.ts";

export type QuorumClientOptions = {
  /** Default: $QUORUM_URL, else http://localhost:3000. */
  url?: string;
  /** A personal API token (the Your account page, under your name). Default: $QUORUM_TOKEN. */
  token?: string;
};

export function quorumUrl(url?: string): string {
  return (url ?? process.env.QUORUM_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

export function createQuorumClient(options: QuorumClientOptions = {}) {
  const url = `${quorumUrl(options.url)}/trpc`;
  const token = options.token ?? process.env.QUORUM_TOKEN;
  if (!token) {
    throw new Error(
      "No API token: set QUORUM_TOKEN (create one on the Your account page, under your name) or pass --token.",
    );
  }
  const authorization = `Bearer ${token}`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        // Node has no EventSource of its own; this one lets us send the token.
        true: httpSubscriptionLink({
          url,
          transformer,
          EventSource,
          eventSourceOptions: {
            fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, authorization } }),
          },
        }),
        false: httpBatchLink({ url, transformer, headers: { authorization }, maxItems: 10 }),
      }),
    ],
  });
}

export type QuorumClient = ReturnType<typeof createQuorumClient>;

/**
 * Signs up a new account the way a browser does (cookie, same Origin), then makes it
 * an API token and returns a token client: how seed-demo creates its people.
 */
export async function signUpWithToken(
  options: { url?: string },
  account: { email: string; password: string; displayName: string },
) {
  const base = quorumUrl(options.url);
  const fetchWithCookies = makeFetchCookie(fetch, new CookieJar());
  const browser = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${base}/trpc`, transformer, fetch: fetchWithCookies, headers: { origin: base } })],
  });
  const user = await browser.auth.signUp.mutate(account);
  const { token } = await browser.apiToken.create.mutate({ name: "seed-demo" });
  return { user, token, client: createQuorumClient({ url: base, token }) };
}
