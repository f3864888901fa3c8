// What game a session is, in one line of chips: on cards and on the session page.
import { For, Show } from "solid-js";
import { EXPERIENCE_LABELS, languageName, RATING_LABELS } from "../lib/game-labels.ts";
import type { SessionListItem } from "../trpc.ts";

type Described = Pick<
  SessionListItem,
  "gameSystem" | "tags" | "language" | "experienceLevel" | "contentRating" | "online" | "visibility"
>;

export function GameSummary(props: { session: Described }) {
  const s = () => props.session;
  const facts = () =>
    [
      s().gameSystem,
      s().experienceLevel && EXPERIENCE_LABELS[s().experienceLevel as keyof typeof EXPERIENCE_LABELS],
      s().language && languageName(s().language as string),
      s().online ? "Online" : null,
      s().contentRating && `Rated ${RATING_LABELS[s().contentRating as keyof typeof RATING_LABELS].toLowerCase()}`,
      s().visibility === "unlisted" ? "Unlisted" : s().visibility === "campaign" ? "Members only" : null,
    ].filter((fact): fact is string => !!fact);
  return (
    <Show when={facts().length > 0 || s().tags.length > 0}>
      <ul class="chips" aria-label="About the game">
        <For each={facts()}>{(fact) => <li class="chip">{fact}</li>}</For>
        <For each={s().tags}>{(tag) => <li class="chip tag">#{tag}</li>}</For>
      </ul>
    </Show>
  );
}
