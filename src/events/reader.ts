// What the PostgreSQL bus re-reads from the database: the current snapshot behind a
// reference, or the state of watched channels after a lost connection.
import type { Db } from "../db/client.ts";
import { notificationView } from "../notifications/store.ts";
import { getPollView } from "../polls/queries.ts";
import { presenceSnapshot } from "../presence/snapshot.ts";
import { getPublicGameSession } from "../sessions/queries.ts";
import type { EventReader } from "./bus.ts";

export function createEventReader(db: Db, cutoffMinutes: number): EventReader {
  return {
    async snapshot(kind, key) {
      const current =
        kind === "gameSession"
          ? await getPublicGameSession(db, key, cutoffMinutes)
          : kind === "poll"
            ? await getPollView(db, { id: key })
            : await presenceSnapshot(db, key);
      // `kind` picked the query, so this is the payload of that kind's channel.
      return current as never;
    },
    notifications(userId, which) {
      return db.notification.findMany({
        where: { userId, ...("id" in which ? { id: which.id } : { createdAt: { gte: which.since } }) },
        select: notificationView,
        orderBy: { createdAt: "asc" },
      });
    },
  };
}
