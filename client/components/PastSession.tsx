// A finished session as its history shows it: when it ran, its recap and key events.
import { A } from "@solidjs/router";
import { useInfiniteQuery } from "@tanstack/solid-query";
import { For, Show } from "solid-js";
import { Dynamic } from "solid-js/web";
import { formatDateTime, formatOnDay } from "../lib/time.ts";
import { type Outputs, trpc } from "../trpc.ts";
import { Markdown } from "./Markdown.tsx";

export type PastSessionItem = Outputs["session"]["history"]["items"][number];

/** `level`: its title's heading level, one below the heading it sits under. */
export function PastSession(props: { session: PastSessionItem; level: 2 | 3; showCampaign?: boolean }) {
  const s = () => props.session;
  return (
    <article class="card">
      <Dynamic component={`h${props.level}`} class="flush">
        <A href={`/sessions/${s().id}/record`}>{s().title}</A>
      </Dynamic>
      <p class="muted">
        {formatDateTime(s().startedAt ?? s().startsAt)}
        <Show when={props.showCampaign && s().campaign}>
          {(campaign) => (
            <>
              {" · "}
              <A href={`/campaigns/${campaign().id}`}>{campaign().title}</A>
            </>
          )}
        </Show>
      </p>
      <Show when={s().summary} fallback={<p class="muted">No recap written.</p>}>
        {(summary) => <Markdown source={summary()} />}
      </Show>
      <Show when={s().keyEvents.length > 0}>
        <Dynamic component={`h${props.level + 1}`} class="flush">
          Key events
        </Dynamic>
        <ul>
          <For each={s().keyEvents}>
            {(e) => (
              <li>
                <time datetime={e.happenedAt.toISOString()}>
                  {formatOnDay(e.happenedAt, s().startedAt ?? e.happenedAt)}
                </time>{" "}
                {e.text}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </article>
  );
}

/** Finished sessions, newest first, a page at a time: a campaign's, or (without one) mine. */
export function PastSessionList(props: { campaignId?: string; empty: string; level: 2 | 3; showCampaign?: boolean }) {
  const history = useInfiniteQuery(() => ({
    queryKey: ["session.history", props.campaignId ?? "mine"],
    queryFn: ({ pageParam }) => trpc.session.history.query({ campaignId: props.campaignId, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  }));
  return (
    <>
      <For
        each={history.data?.pages.flatMap((p) => p.items)}
        fallback={<p class="muted">{history.isPending ? "Loading…" : props.empty}</p>}
      >
        {(s) => <PastSession session={s} level={props.level} showCampaign={props.showCampaign} />}
      </For>
      <Show when={history.hasNextPage}>
        <button type="button" class="secondary" onClick={() => history.fetchNextPage()}>
          Older sessions
        </button>
      </Show>
    </>
  );
}
