// A finished session as its history shows it: when it ran, its recap and key events.
import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { formatDateTime, formatOnDay } from "../lib/time.ts";
import type { Outputs } from "../trpc.ts";
import { Markdown } from "./Markdown.tsx";

export type PastSessionItem = Outputs["session"]["history"]["items"][number];

export function PastSession(props: { session: PastSessionItem; showCampaign?: boolean }) {
  const s = () => props.session;
  return (
    <article class="card">
      <h3 class="flush">
        <A href={`/sessions/${s().id}/record`}>{s().title}</A>
      </h3>
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
        <h4 class="flush">Key events</h4>
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
