// The sessions I played or ran that are over, newest first, with their recaps.
import { A } from "@solidjs/router";
import { useInfiniteQuery } from "@tanstack/solid-query";
import { For, Show } from "solid-js";
import { PastSession } from "../components/PastSession.tsx";
import { trpc } from "../trpc.ts";

export default function PastSessions() {
  const history = useInfiniteQuery(() => ({
    queryKey: ["session.history", "mine"],
    queryFn: ({ pageParam }) => trpc.session.history.query({ cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  }));
  return (
    <section>
      <div class="spread">
        <h1 tabindex="-1">Past sessions</h1>
        <A class="button secondary" href="/">
          Upcoming sessions
        </A>
      </div>
      <For
        each={history.data?.pages.flatMap((p) => p.items)}
        fallback={
          <p class="muted">{history.isPending ? "Loading…" : "None yet: the sessions you play will be here."}</p>
        }
      >
        {(s) => <PastSession session={s} showCampaign />}
      </For>
      <Show when={history.hasNextPage}>
        <button type="button" class="secondary" onClick={() => history.fetchNextPage()}>
          Older sessions
        </button>
      </Show>
    </section>
  );
}
