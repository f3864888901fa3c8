// Find a game: public sessions still to come, by words and filters, for everyone,
// signed in or not. The search lives in the address: shareable, and Back undoes it.
import { useSearchParams } from "@solidjs/router";
import { useInfiniteQuery } from "@tanstack/solid-query";
import { createMemo, createSignal, For, Show } from "solid-js";
import { LIMITS } from "../../src/input-limits.ts";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError, Choice, Field, Form } from "../components/Field.tsx";
import { SessionCard } from "../components/SessionCard.tsx";
import { actionError, fieldError } from "../lib/errors.ts";
import { ANY_GAME, type GameSearch, gameSearchOf, gameSearchQuery, SEARCH_KEYS } from "../lib/find.ts";
import { EXPERIENCE_LABELS, LANGUAGE_CHOICES, languageName } from "../lib/game-labels.ts";

export default function FindGame() {
  const [params, setParams] = useSearchParams();
  const searched = createMemo(() => gameSearchOf(params));
  // The form edits a draft; Search puts it in the address, which runs it.
  const [draft, setDraft] = createSignal<GameSearch>(searched());
  const set = (key: keyof GameSearch) => (event: { currentTarget: HTMLInputElement | HTMLSelectElement }) =>
    setDraft({ ...draft(), [key]: event.currentTarget.value });
  const results = useInfiniteQuery(() => gameSearchQuery(searched()));
  const found = () => results.data?.pages.flatMap((page) => page.items) ?? [];
  const search = () => {
    const next = draft();
    // An empty field leaves the address (undefined removes the parameter).
    setParams(Object.fromEntries(SEARCH_KEYS.map((key) => [key, next[key] || undefined])));
  };
  const clear = () => {
    setDraft(ANY_GAME);
    search();
  };
  const now = new Date();
  return (
    <section>
      <h1 tabindex="-1">Find a game</h1>
      <p class="muted">Public sessions still to come, soonest first; with words, the best matches come first.</p>
      <div class="card">
        <Form aria-label="Search for a game" onSubmit={search}>
          <div class="search-row">
            <Field
              label="Words in the title, description, system or tags"
              name="q"
              type="search"
              maxlength={200}
              value={draft().q}
              onInput={set("q")}
              error={fieldError(results.error, "q")}
            />
            <BusyButton type="submit" busy={results.isFetching && !results.isFetchingNextPage}>
              Search
            </BusyButton>
          </div>
          <details class="gap-above" open={window.matchMedia("(min-width: 40rem)").matches}>
            <summary>Filters</summary>
            <div class="grid two gap-above">
              <Field
                label="Game system"
                name="system"
                maxlength={LIMITS.gameSystem}
                value={draft().system}
                onInput={set("system")}
                error={fieldError(results.error, "gameSystem")}
              />
              <Field
                label="Tag"
                name="tag"
                value={draft().tag}
                onInput={set("tag")}
                error={fieldError(results.error, "tag")}
              />
              <Choice
                label="Language"
                name="language"
                none="Any"
                value={draft().language || null}
                choices={LANGUAGE_CHOICES.map((tag) => [tag, languageName(tag)])}
                onChange={(language) => setDraft({ ...draft(), language: language ?? "" })}
                error={fieldError(results.error, "language")}
              />
              <Choice
                label="Experience"
                name="level"
                none="Any"
                value={draft().level || null}
                choices={Object.entries(EXPERIENCE_LABELS)}
                onChange={(level) => setDraft({ ...draft(), level: level ?? "" })}
                error={fieldError(results.error, "experienceLevel")}
              />
              <Choice
                label="Where"
                name="where"
                none="Online or in person"
                value={draft().where || null}
                choices={[
                  ["online", "Online"],
                  ["in-person", "In person"],
                ]}
                onChange={(where) => setDraft({ ...draft(), where: where ?? "" })}
                error={fieldError(results.error, "online")}
              />
              <div />
              <Field
                label="From"
                name="from"
                type="date"
                value={draft().from}
                onInput={set("from")}
                error={fieldError(results.error, "from")}
              />
              <Field
                label="Until"
                name="to"
                type="date"
                value={draft().to}
                onInput={set("to")}
                error={fieldError(results.error, "to")}
              />
            </div>
            <label class="check">
              <input
                type="checkbox"
                name="open"
                checked={draft().open === "1"}
                onChange={(e) => setDraft({ ...draft(), open: e.currentTarget.checked ? "1" : "" })}
              />
              Only sessions with a seat left
            </label>
          </details>
          <p class="row gap-above">
            <button type="button" class="link" onClick={clear}>
              Clear the search
            </button>
          </p>
        </Form>
      </div>
      <ActionError
        message={actionError(results.error, ["q", "gameSystem", "tag", "language", "experienceLevel", "from", "to"])}
      />
      <h2 class="gap-above-lg" aria-live="polite" data-testid="result-count">
        <Show when={results.data} fallback="Searching…">
          {found().length === 0
            ? "No public game matches."
            : results.hasNextPage
              ? `The first ${found().length} games`
              : found().length === 1
                ? "1 game"
                : `${found().length} games`}
        </Show>
      </h2>
      <For each={found()}>{(session) => <SessionCard session={session} now={now} level={3} />}</For>
      <Show when={results.hasNextPage}>
        <BusyButton
          type="button"
          class="secondary"
          busy={results.isFetchingNextPage}
          onClick={() => void results.fetchNextPage()}
        >
          Show more games
        </BusyButton>
      </Show>
    </section>
  );
}
