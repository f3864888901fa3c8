// Upcoming sessions, filtered, loading more as you scroll.
import { A } from "@solidjs/router";
import { useInfiniteQuery, useQuery } from "@tanstack/solid-query";
import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { NO_FILTERS, type SessionFilters } from "../../src/sessions/upcoming.ts";
import { BusyButton } from "../components/BusyButton.tsx";
import { PollList } from "../components/PollList.tsx";
import { SessionCard } from "../components/SessionCard.tsx";
import { actionError } from "../lib/errors.ts";
import { openPollsQuery, upcomingSessionsQuery } from "../lib/upcoming.ts";
import { trpc } from "../trpc.ts";

export default function Sessions() {
  const [filters, setFilters] = createSignal<SessionFilters>(NO_FILTERS);
  const set = <K extends keyof SessionFilters>(key: K, value: SessionFilters[K]) =>
    setFilters({ ...filters(), [key]: value });
  const campaigns = useQuery(() => ({
    queryKey: ["campaign.listMine"],
    queryFn: () => trpc.campaign.listMine.query(),
  }));
  const venues = useQuery(() => ({ queryKey: ["venue.list"], queryFn: () => trpc.venue.list.query({ limit: 100 }) }));
  const now = new Date();
  const polls = useQuery(() => openPollsQuery());
  const sessions = useInfiniteQuery(() => upcomingSessionsQuery(filters()));

  let sentinel: HTMLDivElement | undefined;
  onMount(() => {
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && sessions.hasNextPage && !sessions.isFetchingNextPage) {
        void sessions.fetchNextPage();
      }
    });
    if (sentinel) observer.observe(sentinel);
    onCleanup(() => observer.disconnect());
  });

  return (
    <section>
      <div class="spread">
        <h1 tabindex="-1">Upcoming sessions</h1>
        <span class="row">
          <A class="button secondary" href="/past">
            Past sessions
          </A>
          <A class="button secondary" href="/tokens#calendar">
            Calendar feed
          </A>
          <A class="button secondary" href="/polls/new">
            Find a date
          </A>
          <A class="button" href="/sessions/new">
            Schedule a session
          </A>
        </span>
      </div>
      <Show when={polls.data?.some((p) => !p.closedAt)}>
        <section class="card" aria-labelledby="polls-heading">
          <h2 id="polls-heading">Open polls</h2>
          <PollList openOnly />
        </section>
      </Show>
      <details class="card filters-toggle" open={window.matchMedia("(min-width: 40rem)").matches}>
        <summary>Filters</summary>
        <form class="filters" aria-label="Filter sessions" onSubmit={(e) => e.preventDefault()}>
          <div class="field">
            <label for="filter-campaign">Campaign</label>
            <select id="filter-campaign" onChange={(e) => set("campaignId", e.currentTarget.value)}>
              <option value="">Any</option>
              <For each={campaigns.data}>{(c) => <option value={c.id}>{c.title}</option>}</For>
            </select>
          </div>
          <div class="field">
            <label for="filter-venue">Venue</label>
            <select id="filter-venue" onChange={(e) => set("venueId", e.currentTarget.value)}>
              <option value="">Any</option>
              <For each={venues.data?.items}>{(v) => <option value={v.id}>{v.name}</option>}</For>
            </select>
          </div>
          <div class="field">
            <label for="filter-from">From</label>
            <input id="filter-from" type="date" onChange={(e) => set("from", e.currentTarget.value)} />
          </div>
          <label class="check">
            <input type="checkbox" onChange={(e) => set("openSeats", e.currentTarget.checked)} /> Open seats
          </label>
          <label class="check">
            <input type="checkbox" onChange={(e) => set("mine", e.currentTarget.checked)} /> Mine
          </label>
        </form>
      </details>

      <Show when={sessions.isError}>
        <p class="error" role="alert">
          {actionError(sessions.error)}
        </p>
      </Show>
      <Show when={sessions.data} fallback={<p aria-busy="true">Loading sessions…</p>}>
        {(data) => (
          <Show
            when={data().pages[0]?.items.length}
            fallback={
              <p>
                No upcoming sessions here yet. <A href="/sessions/new">Schedule one</A>, or share a join link.
              </p>
            }
          >
            <For each={data().pages.flatMap((page) => page.items)}>
              {(s) => <SessionCard session={s} now={now} level={2} />}
            </For>
          </Show>
        )}
      </Show>
      <div ref={sentinel} />
      <Show when={sessions.hasNextPage}>
        <BusyButton
          class="secondary"
          busy={sessions.isFetchingNextPage}
          busyText="Loading more sessions…"
          onClick={() => sessions.fetchNextPage()}
        >
          {sessions.isFetchingNextPage ? "Loading…" : "Load more"}
        </BusyButton>
      </Show>
    </section>
  );
}
