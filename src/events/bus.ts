// The live event bus: what changed, for whom. Publishers call it after their
// transaction commits; subscriptions (SSE) forward what they receive. The
// in-process implementation serves one server; a PostgreSQL LISTEN/NOTIFY one
// can replace it behind this interface when several servers share a database.
import type { NotificationView } from "../notifications/store.ts";
import type { PresenceSnapshot } from "../presence/snapshot.ts";
import type { GameSessionView } from "../sessions/queries.ts";

/** Each kind of event, and what it carries. A channel is a kind plus a key. */
export type EventChannels = {
  /** Key: the game session's id. Payload: its public view after the change. */
  gameSession: GameSessionView;
  /** Key: the user's id. Payload: the notification just created for them. */
  notification: NotificationView;
  /** Key: the game session's id. Payload: who is at its table now. */
  presence: PresenceSnapshot;
};

export type EventKind = keyof EventChannels;

export interface EventBus {
  publish<K extends EventKind>(kind: K, key: string, payload: EventChannels[K]): void;
  /** Yields every event published on the channel from now until `signal` aborts. */
  subscribe<K extends EventKind>(kind: K, key: string, signal: AbortSignal): AsyncIterable<EventChannels[K]>;
}
