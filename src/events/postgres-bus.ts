// The event bus for several server processes on one PostgreSQL database. A publish
// is a NOTIFY on one channel; every process (the publisher too) LISTENs on a direct
// connection and hands each event to its own subscribers through an in-process bus,
// so all processes deliver the same events in the same (commit) order.
//
// NOTIFY payloads must stay under 8,000 bytes: a larger event travels as a reference
// and each process re-reads it. After a lost connection the `postgres` driver
// listens again; events sent meanwhile are gone, so each process re-reads the state
// of every channel its subscribers watch (snapshots supersede; notifications dedupe).
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import superjson from "superjson";
import type { EventBus, EventChannels, EventKind, EventReader } from "./bus.ts";
import { createInProcessBus } from "./in-process-bus.ts";

const CHANNEL = "quorum_events";
/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more; keep a margin. */
const MAX_NOTIFY_BYTES = 7_900;
/**
 * How far back a reconnect re-reads notifications: the longest a write can take to
 * commit after its `createdAt` (transactions wait up to 15 s and run up to 15 s), and more.
 */
const RESYNC_LOOK_BACK_MS = 45_000;

type Envelope =
  | {
      kind: EventKind;
      key: string;
      /** The payload (superjson's form), or absent when it was too large to send. */
      payload?: ReturnType<typeof superjson.serialize>;
      /** For a notification sent by reference: its id. */
      id?: string;
      /** Date.now() at publish, for the bus-delay metric. */
      sentAt: number;
    }
  | { kind: "ping"; id: string };

export type PostgresBusOptions = {
  /** Called with each event's delay from publish to arrival here, in ms. */
  onDelivered?: (kind: EventKind, ms: number) => void;
  onError?: (error: unknown) => void;
};

export function createPostgresBus(url: string, reader: EventReader, options: PostgresBusOptions = {}): EventBus {
  const onError = options.onError ?? ((error) => console.error("Event bus:", error));
  const local = createInProcessBus();
  // One publishing connection: NOTIFYs pipelined on it leave in call order.
  const sql = postgres(url, { max: 1, idle_timeout: 30, onnotice: () => {} });
  let listens = 0;
  /** NOTIFYs on their way: closing waits for them, so a stopping process loses no event. */
  const unsent = new Set<Promise<void>>();
  /** Health pings this process sent to itself, by id, waiting to come back. */
  const pings = new Map<string, () => void>();
  // The last moment this process is sure it heard everything: after a reconnect,
  // whatever came later may have been missed.
  let heardAllUntil = new Date();

  async function deliver(message: string): Promise<void> {
    heardAllUntil = new Date();
    const envelope = JSON.parse(message) as Envelope;
    if (envelope.kind === "ping") return pings.get(envelope.id)?.();
    options.onDelivered?.(envelope.kind, Date.now() - envelope.sentAt);
    for (const payload of await payloadsOf(envelope)) local.publish(envelope.kind, envelope.key, payload);
  }

  async function payloadsOf(envelope: Exclude<Envelope, { kind: "ping" }>): Promise<EventChannels[EventKind][]> {
    const { kind, key, payload, id } = envelope;
    if (payload !== undefined) return [superjson.deserialize(payload)];
    if (kind === "notification") return id ? reader.notifications(key, { id }) : [];
    if (kind === "access") return []; // always small enough to travel inline
    const current = await reader.snapshot(kind, key);
    return current ? [current] : [];
  }

  /** After a reconnect: what every watched channel holds now, in place of what was missed. */
  async function resync(since: Date): Promise<void> {
    for (const [kind, key] of local.watched()) {
      const payloads =
        kind === "notification"
          ? await reader.notifications(key, { since })
          : kind === "access"
            ? [{ reason: "resync" as const }] // a missed revocation: the streams check again
            : [await reader.snapshot(kind, key)].filter((p) => p !== null);
      for (const payload of payloads) local.publish(kind, key, payload);
    }
  }

  const listening = sql.listen(
    CHANNEL,
    (message) => void deliver(message).catch(onError),
    () => {
      listens += 1;
      if (listens > 1) void resync(new Date(heardAllUntil.getTime() - RESYNC_LOOK_BACK_MS)).catch(onError);
      heardAllUntil = new Date();
    },
  );
  listening.catch(onError);

  function send(envelope: Envelope): Promise<void> {
    const sent = sql.notify(CHANNEL, JSON.stringify(envelope)).then(() => {});
    const settled: Promise<void> = sent.catch(() => {}).finally(() => unsent.delete(settled));
    unsent.add(settled);
    return sent;
  }

  return {
    publish(kind, key, payload) {
      const sentAt = Date.now();
      const inline: Envelope = { kind, key, sentAt, payload: superjson.serialize(payload) };
      // The size that counts is the NOTIFY's, after the envelope's own encoding.
      const fits = Buffer.byteLength(JSON.stringify(inline)) <= MAX_NOTIFY_BYTES;
      const reference: Envelope = {
        kind,
        key,
        sentAt,
        ...(kind === "notification" ? { id: (payload as EventChannels["notification"]).id } : {}),
      };
      send(fits ? inline : reference).catch(onError);
    },
    subscribe: (kind, key, signal) => local.subscribe(kind, key, signal),
    watched: () => local.watched(),
    /** A NOTIFY to itself that must come back through LISTEN: both directions work now. */
    async check() {
      // A NOTIFY sent before the LISTEN is in place never comes back: a check just after
      // the start would wait forever (seen under load in CI).
      await listening;
      const id = randomUUID();
      const back = new Promise<void>((resolve) => pings.set(id, resolve));
      try {
        await send({ kind: "ping", id });
        await back;
      } finally {
        pings.delete(id);
      }
    },
    async close() {
      // Events on their way go out first (bounded: a dead connection must not hold a shutdown).
      await Promise.race([Promise.all(unsent), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      await local.close();
      // Unlisten first: the driver re-listens on any closed LISTEN connection, its own ending included.
      await listening.then(
        ({ unlisten }) => unlisten(),
        () => {},
      );
      await sql.end({ timeout: 1 });
    },
  };
}
