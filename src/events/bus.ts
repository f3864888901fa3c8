// The live event bus: what changed, for whom. Publishers call it after their
// transaction commits; subscriptions (SSE) forward what they receive. On SQLite (one
// server process) the in-process bus serves; on PostgreSQL every process shares
// events through LISTEN/NOTIFY (postgres-bus.ts). createEventBus picks.
import type { Config } from "../config.ts";
import { providerOf } from "../db/provider.ts";
import type { NotificationView } from "../notifications/store.ts";
import type { PollView } from "../polls/queries.ts";
import type { PresenceSnapshot } from "../presence/snapshot.ts";
import type { GameSessionView } from "../sessions/queries.ts";
import { createInProcessBus } from "./in-process-bus.ts";
import { createPostgresBus, type PostgresBusOptions } from "./postgres-bus.ts";

/** Each kind of event, and what it carries. A channel is a kind plus a key. */
export type EventChannels = {
  /** Key: the game session's id. Payload: its public view after the change. */
  gameSession: GameSessionView;
  /** Key: the user's id. Payload: the notification just created for them. */
  notification: NotificationView;
  /** Key: the game session's id. Payload: who is at its table now. */
  presence: PresenceSnapshot;
  /** Key: the poll's id. Payload: its dates and every answer, after the change. */
  poll: PollView;
  /**
   * Key: the user's id. Something that decides what they may watch changed (a sign-out,
   * a revoked token, a removal, a new role): their live streams check again.
   */
  access: { reason: AccessChange };
};

export type AccessChange = "signed-out" | "token-revoked" | "removed" | "left" | "role-changed" | "resync";

export type EventKind = keyof EventChannels;
/** The kinds whose payload is the whole current state, re-read from the database when needed. */
export type SnapshotKind = "gameSession" | "presence" | "poll";

export interface EventBus {
  publish<K extends EventKind>(kind: K, key: string, payload: EventChannels[K]): void;
  /** Yields every event published on the channel from now until `signal` aborts. */
  subscribe<K extends EventKind>(kind: K, key: string, signal: AbortSignal): AsyncIterable<EventChannels[K]>;
  /** The channels someone in this process listens to, as [kind, key]. */
  watched(): [EventKind, string][];
  /** Throws when this process cannot deliver events (for /healthz). */
  check(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How a bus that carries references re-reads what they point at: a snapshot too large
 * for a NOTIFY, or the state of every watched channel after a lost connection.
 */
export type EventReader = {
  snapshot<K extends SnapshotKind>(kind: K, key: string): Promise<EventChannels[K] | null>;
  notifications(userId: string, which: { id: string } | { since: Date }): Promise<NotificationView[]>;
};

export function createEventBus(
  config: Pick<Config, "DATABASE_URL" | "DATABASE_DIRECT_URL">,
  reader: EventReader,
  options: PostgresBusOptions = {},
): EventBus {
  if (providerOf(config.DATABASE_URL) === "sqlite") return createInProcessBus();
  return createPostgresBus(config.DATABASE_DIRECT_URL ?? config.DATABASE_URL, reader, options);
}
