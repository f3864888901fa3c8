// The host cap: one person cannot flood the list, yet a campaign can book its year. A
// one-off session counts while it is open (scheduled, running or paused); a recurring
// series counts once, however many of its occurrences are booked, while it still has
// an open occurrence or more to create.
import { TRPCError } from "@trpc/server";
import type { Db, Tx } from "../db/client.ts";
import { OPEN_STATUSES } from "./statuses.ts";

export async function hostedCount(db: Db | Tx, hostId: string): Promise<number> {
  const [oneOffs, series] = await Promise.all([
    db.gameSession.count({ where: { hostId, seriesId: null, status: { in: OPEN_STATUSES } } }),
    db.sessionSeries.count({
      where: { hostId, OR: [{ endedAt: null }, { sessions: { some: { status: { in: OPEN_STATUSES } } } }] },
    }),
  ]);
  return oneOffs + series;
}

/** What the session form says before it is filled in. */
export async function hostCapStatus(db: Db, hostId: string, cap: number) {
  const hosting = await hostedCount(db, hostId);
  return { hosting, limit: cap, full: hosting >= cap, rule: HOST_CAP_RULE };
}

export const HOST_CAP_RULE = "Each one-off session counts until it ends; a repeating series counts once.";

/**
 * Refuses a new session or series past the cap. Call inside the creating transaction
 * after touching the host's row, which serializes their concurrent creations.
 */
export async function assertUnderHostCap(tx: Tx, hostId: string, cap: number): Promise<void> {
  const hosting = await hostedCount(tx, hostId);
  if (hosting >= cap) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `You already host ${hosting} sessions or series, and the limit is ${cap}. ${HOST_CAP_RULE} End or cancel one first.`,
    });
  }
}
