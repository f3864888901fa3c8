// Typed tRPC clients over real HTTP for tests: one with a cookie jar (a browser),
// one with a Bearer token (a script). Same links and transformer as the web client.
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import makeFetchCookie from "fetch-cookie";
import { CookieJar } from "tough-cookie";
import { createQuorumClient } from "../scripts/client.ts";
import type { AppRouter } from "../src/router.ts";
import { transformer } from "../src/wire.ts";
import { TEST_PASSWORD } from "./app.ts";

type RawReply = { result?: { data: string }; error?: string };

/** The data of a raw tRPC reply (a response body), decoded as the clients decode it. */
export const replyData = (body: string): unknown =>
  transformer.output.deserialize((JSON.parse(body) as RawReply).result?.data ?? "");

/** The refusal in a raw tRPC error reply (a response body). */
export const replyError = (body: string) =>
  transformer.output.deserialize((JSON.parse(body) as RawReply).error ?? "") as {
    message: string;
    data: { code: string; stack?: string };
  };

export function browserClient(baseUrl: string, options: { origin?: string; headers?: Record<string, string> } = {}) {
  const jar = new CookieJar();
  const fetchWithCookies = makeFetchCookie(fetch, jar);
  const headers = () => ({ origin: options.origin ?? baseUrl, ...options.headers });
  const url = `${baseUrl}/trpc`;
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url,
          transformer,
          EventSource,
          eventSourceOptions: { fetch: fetchWithCookies },
        }),
        false: splitLink({
          // Browsers send Origin on POST only; GETs go unbatched without it.
          condition: (op) => op.type === "mutation",
          true: httpBatchLink({ url, transformer, fetch: fetchWithCookies, headers, maxItems: 10 }),
          false: httpLink({ url, transformer, fetch: fetchWithCookies }),
        }),
      }),
    ],
  });
  return { client, jar, cookies: () => jar.getCookies(baseUrl) };
}

/** A browser signed in as `user` (one of `given.user`'s, whose password is TEST_PASSWORD). */
export async function signedInBrowser(baseUrl: string, user: { email: string }) {
  const browser = browserClient(baseUrl);
  await browser.client.auth.signIn.mutate({ email: user.email, password: TEST_PASSWORD });
  return browser;
}

/** A script: the same client scripts use, with a Bearer token. */
export function tokenClient(baseUrl: string, token: string) {
  return createQuorumClient({ url: baseUrl, token });
}
