import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { Dynamic } from "solid-js/web";
import { formatDateTime, playersNeededLine } from "../lib/time.ts";
import type { SessionListItem } from "../trpc.ts";
import { GameSummary } from "./GameSummary.tsx";

export function StatusBadge(props: { status: string }) {
  return <span class={`status ${props.status}`}>{props.status}</span>;
}

/** The viewer's place in a session, in a few words; null when they have none. */
export function placeLabel(place: SessionListItem["myPlace"]): string | null {
  if (!place) return null;
  if (place.role === "master") return "You run it";
  if (place.status === "waitlisted") return `Waitlist #${place.waitlistPosition}`;
  return place.role === "observer" ? "You watch" : "You're in";
}

/** `level`: its title's heading level, one below the heading it sits under. */
export function SessionCard(props: { session: SessionListItem; now: Date; level: 2 | 3 }) {
  const s = () => props.session;
  return (
    <article class="card">
      <div class="spread">
        <Dynamic component={`h${props.level}`} class="flush">
          <A href={`/sessions/${s().id}`}>{s().title}</A>
        </Dynamic>
        <span class="row">
          <Show when={placeLabel(s().myPlace)}>
            {(label) => (
              <span class="place" data-testid="my-place-chip">
                {label()}
              </span>
            )}
          </Show>
          {/* "scheduled" is what an upcoming session is: the badge speaks only when it tells something. */}
          <Show when={s().status !== "scheduled"}>
            <StatusBadge status={s().status} />
          </Show>
        </span>
      </div>
      <p class="tight">
        <time datetime={s().startsAt.toISOString()}>{formatDateTime(s().startsAt)}</time>
        <Show when={s().venue}>{(venue) => <> · {venue().name}</>}</Show>
        <Show when={s().campaign}>{(campaign) => <> · {campaign().title}</>}</Show>
      </p>
      <GameSummary session={s()} />
      <p class="row flush">
        <span class="seats">
          {s().playerCount}/{s().maxPlayers}
          <span class="visually-hidden"> seats taken</span>
        </span>
        <Show when={s().waitlistCount > 0}>
          <span class="muted">+{s().waitlistCount} waiting</span>
        </Show>
        <span class="muted">GM {s().host.displayName}</span>
      </p>
      <Show when={playersNeededLine(s(), props.now)}>{(line) => <p class="warning">{line()}</p>}</Show>
    </article>
  );
}
