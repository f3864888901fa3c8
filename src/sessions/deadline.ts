// The under-fill deadline: a scheduled session must have its minimum players
// by `startsAt - cutoff`, or the cancellation job calls it off.

export function cancelDeadline(startsAt: Date, cutoffMinutes: number): Date {
  return new Date(startsAt.getTime() - cutoffMinutes * 60_000);
}

/** The latest start a session may have and still be due for the sweep at `now`. */
export function dueStartsBy(now: Date, cutoffMinutes: number): Date {
  return new Date(now.getTime() + cutoffMinutes * 60_000);
}

export function playersNeeded(gameSession: { minPlayers: number; playerCount: number }): number {
  return Math.max(0, gameSession.minPlayers - gameSession.playerCount);
}
