// The web client's one connection to the API: typed by the server's AppRouter, with
// the same superjson transformer, so Dates arrive as Dates.
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../src/router.ts";

export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: "/trpc", transformer: superjson })],
});
