// The sessions list's queries, shared by the screen and by its route's preload (which
// starts them before the screen's code has even arrived).
import type { QueryClient } from "@tanstack/solid-query";
import { NO_FILTERS, type SessionFilters, upcomingSessionsInput } from "../../src/sessions/upcoming.ts";
import { trpc } from "../trpc.ts";
import { meKey } from "./me.ts";

/** A preload's refusal is not a lost sign-in: the screen's own query decides (signed-out.ts). */
const quiet = (preload: boolean) => ({ context: { preload } });

export const upcomingSessionsKey = (filters: SessionFilters) => ["session.list", filters] as const;

export function upcomingSessionsQuery(filters: SessionFilters, preload = false) {
  return {
    queryKey: upcomingSessionsKey(filters),
    queryFn: ({ pageParam }: { pageParam: string | null }) =>
      trpc.session.list.query(upcomingSessionsInput(filters, pageParam, new Date()), quiet(preload)),
    initialPageParam: null as string | null,
    getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor,
  };
}

export const openPollsKey = ["poll.list", null] as const;

export const openPollsQuery = (preload = false) => ({
  queryKey: openPollsKey,
  queryFn: () => trpc.poll.list.query({}, quiet(preload)),
});

/** Everything the sessions list asks for first, in one batched request. */
export function preloadUpcoming(queryClient: QueryClient): void {
  if (queryClient.getQueryData(meKey) === null) return; // signed out: the screen sends them to sign in
  void queryClient.prefetchInfiniteQuery(upcomingSessionsQuery(NO_FILTERS, true));
  void queryClient.prefetchQuery(openPollsQuery(true));
}
