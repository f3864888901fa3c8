// The first lists people see (the sessions list, the front page's games), shared by the
// web client and by the server, which puts their first page into the HTML
// (src/http/first-screen.ts). No imports: the client bundles it.

export type SessionFilters = { campaignId: string; venueId: string; from: string; openSeats: boolean; mine: boolean };

export const NO_FILTERS: SessionFilters = { campaignId: "", venueId: "", from: "", openSeats: false, mine: false };

/** A page of upcoming sessions: from a chosen day, or from six hours ago (still under way). */
export function upcomingSessionsInput(filters: SessionFilters, cursor: string | null, now: Date) {
  return {
    limit: 20,
    cursor,
    from: filters.from ? new Date(`${filters.from}T00:00`) : new Date(now.getTime() - 6 * 3_600_000),
    status: ["scheduled", "active", "paused"] as ("scheduled" | "active" | "paused")[],
    campaignId: filters.campaignId || undefined,
    venueId: filters.venueId || undefined,
    openSeats: filters.openSeats || undefined,
    mine: filters.mine || undefined,
  };
}

/** The front page's games (session.search): the next public sessions with a seat open. */
export const OPEN_GAMES_INPUT = { openSeats: true, limit: 6 } as const;
