// What a transaction changed that live subscribers must hear of once it commits.
import type { NotificationView } from "../notifications/store.ts";

export type Outbox = {
  notifications: NotificationView[];
  /** Sessions whose presence (who is online) changed. */
  presenceChanged: Set<string>;
};

export const newOutbox = (): Outbox => ({ notifications: [], presenceChanged: new Set() });
