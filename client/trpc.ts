// The web client's one connection to the API: typed by the server's AppRouter, with
// the same wire format as the server and scripts (src/wire.ts), so Dates arrive as Dates.
// Subscriptions (live updates) go over SSE; everything else is batched over HTTP.
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../src/router.ts";
import { clientTransformer as transformer } from "../src/wire.ts";
import { signedOutLink } from "./lib/signed-out.ts";

export const trpc = createTRPCClient<AppRouter>({
  links: [
    signedOutLink,
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({ url: "/trpc", transformer }),
      // The server takes at most 10 calls per batch.
      false: httpBatchLink({ url: "/trpc", transformer, maxItems: 10 }),
    }),
  ],
});

/** What procedures return, for component props. */
export type Outputs = inferRouterOutputs<AppRouter>;
export type SessionView = Outputs["session"]["byId"];
export type SessionListItem = Outputs["session"]["list"]["items"][number];
export type Me = NonNullable<Outputs["auth"]["me"]>;
