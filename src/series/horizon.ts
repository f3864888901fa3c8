// The series job: keeps every open series' occurrences created a rolling horizon ahead
// (SERIES_HORIZON_DAYS). It runs in every process; each series is claimed by one
// conditional UPDATE of its createdUntil, in the transaction that creates the
// occurrences, so each occurrence is created once (and the unique (seriesId,
// occurrenceAt) index would refuse a second anyway).
import { newOutbox } from "../events/outbox.ts";
import { announceChanges } from "../sessions/change.ts";
import { createOccurrences, horizonOf, type SeriesDeps } from "./rules.ts";

export async function extendSeries(deps: SeriesDeps, now: Date): Promise<{ created: number }> {
  const horizon = horizonOf(now, deps.config);
  const due = await deps.db.sessionSeries.findMany({
    where: { endedAt: null, createdUntil: { lt: horizon } },
    select: { id: true, createdUntil: true },
    take: 500,
  });
  let created = 0;
  for (const series of due) {
    const outbox = newOutbox();
    const ids = await deps.db.$transaction(async (tx) => {
      const { count } = await tx.sessionSeries.updateMany({
        where: { id: series.id, endedAt: null, createdUntil: series.createdUntil },
        data: { updatedAt: now },
      });
      if (count === 0) return []; // another process extended (or ended) it first
      return createOccurrences(tx, outbox, series.id, horizon, now, deps.config);
    });
    created += ids.length;
    if (ids.length > 0) await announceChanges(deps, ids, outbox);
  }
  return { created };
}
