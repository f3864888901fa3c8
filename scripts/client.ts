// The typed Quorum client for scripts: the same router types, links and transformer
// (src/wire.ts) as the web client, authenticated with a personal API token.
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import makeFetchCookie from "fetch-cookie";
import { CookieJar } from "tough-cookie";
import type { AppRouter } from "../src/router.ts";
import { transformer } from "../src/wire.ts";
import { emailTo, linkIn } from "./dev-mailbox.ts";

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
 * Signs up new accounts the way people do: each asks for an account in a browser-like
 * client (cookies, same Origin), opens the link in its email (read from the development
 * mailbox, dev-mailbox.ts), chooses its password there, and makes an API token. Returns
 * the token clients, or says which address already has an account.
 */
export async function signUpWithTokens(
  options: { url?: string; mailDir: string },
  accounts: { email: string; password: string; displayName: string }[],
) {
  const base = quorumUrl(options.url);
  const since = new Date(Date.now() - 1000); // a file's time may be rounded down
  const asked = async (account: (typeof accounts)[number]) => {
    const fetchWithCookies = makeFetchCookie(fetch, new CookieJar());
    const browser = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${base}/trpc`, transformer, fetch: fetchWithCookies, headers: { origin: base } })],
    });
    await browser.auth.signUp.mutate({ email: account.email, displayName: account.displayName });
    return { browser, account };
  };
  const finished = async ({ browser, account }: Awaited<ReturnType<typeof asked>>) => {
    const link = linkIn(await emailTo(options.mailDir, account.email, since), "/welcome");
    if (!link) throw new Error(`${account.email} already has an account: this instance already has the demo data.`);
    const user = await browser.auth.finishSignUp.mutate({
      token: link.searchParams.get("token") ?? "",
      password: account.password,
    });
    const { token } = await browser.apiToken.create.mutate({ name: "seed-demo" });
    return { user, token, client: createQuorumClient({ url: base, token }) };
  };
  // The first on its own, so an instance that has the demo data already says so before
  // more emails go out; the rest together, so one run of the outgoing job sends them all.
  const [first, ...rest] = accounts;
  if (!first) return [];
  const signedUp = [await finished(await asked(first))];
  const waiting = [];
  for (const account of rest) waiting.push(await asked(account));
  for (const pending of waiting) signedUp.push(await finished(pending));
  return signedUp;
}
