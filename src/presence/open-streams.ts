// Open presence streams (browser tabs watching a table), kept in the database so that
// every server process sees every tab: closing one tab of two keeps the player at the
// table even when the other tab is served by another process. Each process refreshes
// its own streams; a crashed process's streams go stale and stop counting.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";

export type OpenStreams = ReturnType<typeof createOpenStreams>;

export function createOpenStreams(db: Db, processId: string, liveSeconds: number) {
  const staleBefore = (now: Date) => new Date(now.getTime() - liveSeconds * 1000);
  return {
    /** Records a stream this process serves; returns its id for `close`. */
    async open(gameSessionId: string, userId: string, now: Date): Promise<string> {
      const id = randomUUID();
      await db.presenceStream.create({ data: { id, gameSessionId, userId, processId, openedAt: now, aliveAt: now } });
      return id;
    },

    /** Forgets a stream; true when that was the user's last live stream for the session, in any process. */
    async close(id: string, gameSessionId: string, userId: string, now: Date): Promise<boolean> {
      await db.presenceStream.deleteMany({ where: { id } });
      const others = await db.presenceStream.count({
        where: { gameSessionId, userId, aliveAt: { gte: staleBefore(now) } },
      });
      return others === 0;
    },

    /** This process's streams are still open; other processes' stale ones are gone. */
    async refresh(now: Date): Promise<void> {
      // Each row is rewritten about three times per liveSeconds, not on every call.
      const due = new Date(now.getTime() - (liveSeconds * 1000) / 3);
      await db.presenceStream.updateMany({ where: { processId, aliveAt: { lt: due } }, data: { aliveAt: now } });
      await db.presenceStream.deleteMany({ where: { aliveAt: { lt: staleBefore(now) } } });
    },
  };
}
