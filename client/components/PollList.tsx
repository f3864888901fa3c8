// Polls to answer or decide: a campaign's, or (without one) the viewer's own.
import { A } from "@solidjs/router";
import { useQuery } from "@tanstack/solid-query";
import { For, Show } from "solid-js";
import { formatDateTime } from "../lib/time.ts";
import { trpc } from "../trpc.ts";

export function PollList(props: { campaignId?: string; openOnly?: boolean; empty?: string }) {
  const polls = useQuery(() => ({
    queryKey: ["poll.list", props.campaignId ?? null],
    queryFn: () => trpc.poll.list.query({ campaignId: props.campaignId }),
  }));
  const shown = () => (polls.data ?? []).filter((p) => !props.openOnly || !p.closedAt);
  return (
    <Show when={shown().length > 0} fallback={props.empty ? <p class="muted">{props.empty}</p> : null}>
      <ul class="dates" data-testid="poll-list">
        <For each={shown()}>
          {(p) => (
            <li>
              <A href={`/polls/${p.code}`}>{p.title}</A>{" "}
              <span class="muted">
                {p.closedAt
                  ? p.gameSessionId
                    ? "· date chosen"
                    : "· closed"
                  : `· ${p.optionCount} dates from ${p.firstDate ? formatDateTime(p.firstDate) : ""}, asked by ${p.host.displayName}`}
              </span>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
