// Serializes writes to one game session across requests and processes: the first
// statement of the transaction updates the session row, which takes SQLite's write
// lock (or PostgreSQL's row lock) until commit; then we read the state to decide on.
import { TRPCError } from "@trpc/server";
import type { Tx } from "../db/client.ts";

const lockedFields = {
  id: true,
  title: true,
  hostId: true,
  status: true,
  version: true,
  minPlayers: true,
  maxPlayers: true,
  playerCount: true,
  allowLateJoin: true,
  startsAt: true,
  startedAt: true,
  pausedAt: true,
  pausedMinutes: true,
} as const;

export async function lockGameSession(tx: Tx, sessionId: string) {
  const { count } = await tx.gameSession.updateMany({
    where: { id: sessionId },
    data: { version: { increment: 1 } },
  });
  if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "No such session." });
  return tx.gameSession.findUniqueOrThrow({ where: { id: sessionId }, select: lockedFields });
}

export type LockedGameSession = Awaited<ReturnType<typeof lockGameSession>>;
