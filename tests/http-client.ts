// Typed tRPC clients over real HTTP for tests: one with a cookie jar (a browser),
// one with a Bearer token (a script). Same links and transformer as the web client.
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import makeFetchCookie from "fetch-cookie";
import superjson from "superjson";
import { CookieJar } from "tough-cookie";
import type { AppRouter } from "../src/router.ts";

export function browserClient(baseUrl: string, options: { origin?: string } = {}) {
  const jar = new CookieJar();
  const fetchWithCookies = makeFetchCookie(fetch, jar);
  const headers = () => ({ origin: options.origin ?? baseUrl });
  const url = `${baseUrl}/trpc`;
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        // Browsers send Origin on POST only; GETs go unbatched without it.
        condition: (op) => op.type === "mutation",
        true: httpBatchLink({ url, transformer: superjson, fetch: fetchWithCookies, headers }),
        false: httpLink({ url, transformer: superjson, fetch: fetchWithCookies }),
      }),
    ],
  });
  return { client, jar, cookies: () => jar.getCookies(baseUrl) };
}

export function tokenClient(baseUrl: string, token: string) {
  const authorization = `Bearer ${token}`;
  const url = `${baseUrl}/trpc`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        // Node has no EventSource of its own; this one lets us add the Bearer header.
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          EventSource,
          eventSourceOptions: {
            fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, authorization } }),
          },
        }),
        false: httpBatchLink({ url, transformer: superjson, headers: { authorization } }),
      }),
    ],
  });
}
