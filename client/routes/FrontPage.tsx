// The front page, for a signed-out visitor: what Quorum is, the next public games with
// a seat left (the server's page carries them), and the ways in.
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { useQuery } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { SessionCard } from "../components/SessionCard.tsx";
import { actionError } from "../lib/errors.ts";
import { openGamesQuery } from "../lib/find.ts";

export default function FrontPage() {
  const games = useQuery(() => openGamesQuery());
  const navigate = useNavigate();
  const [words, setWords] = createSignal("");
  const [params] = useSearchParams<{ closed?: string }>();
  const now = new Date();
  return (
    <>
      <Show when={params.closed === "1"}>
        <p class="notice" role="status">
          Your account is closed and your personal data deleted. Thank you for playing.
        </p>
      </Show>
      <section class="hero">
        <h1 tabindex="-1">Tabletop games that happen</h1>
        <p class="lede">
          Quorum is where game masters schedule role-playing sessions and players take a seat, with a waitlist for full
          tables. A session that will not reach its players is called off in time, and everyone hears.
        </p>
        <div class="row">
          <A class="button" href="/sign-in?new=1">
            Create an account
          </A>
          <A class="button secondary" href="/sign-in">
            Sign in
          </A>
        </div>
      </section>
      <section aria-labelledby="open-games" class="gap-above-lg">
        <div class="spread">
          <h2 id="open-games">Games with a seat for you</h2>
          <A href="/find">See all games</A>
        </div>
        <form
          aria-label="Search the games"
          class="search-row"
          onSubmit={(event) => {
            event.preventDefault();
            navigate(words().trim() ? `/find?q=${encodeURIComponent(words().trim())}` : "/find");
          }}
        >
          <div class="field">
            <label for="front-search">Game, system or tag</label>
            <input
              id="front-search"
              type="search"
              maxlength={200}
              value={words()}
              onInput={(e) => setWords(e.currentTarget.value)}
            />
          </div>
          <button type="submit">Search</button>
        </form>
        <Show when={games.error}>
          <p class="error" role="alert">
            {actionError(games.error)}
          </p>
        </Show>
        <Show when={games.data}>
          {(page) => (
            <Show
              when={page().items.length > 0}
              fallback={
                <p class="card" data-testid="no-open-games">
                  No public game has a seat open just now. Create an account and schedule one: the first table is yours.
                </p>
              }
            >
              <For each={page().items}>{(session) => <SessionCard session={session} now={now} level={3} />}</For>
            </Show>
          )}
        </Show>
      </section>
    </>
  );
}
