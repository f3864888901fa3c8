// The event bus for a single server process: one EventEmitter event name per
// channel, so a publish reaches only that channel's listeners. The PostgreSQL bus
// delivers through one of these in each process.
import { EventEmitter } from "node:events";
import type { EventBus, EventChannels, EventKind } from "./bus.ts";

/** Notifications that may wait for one slow subscriber before its stream is ended. */
export const MAX_PENDING_NOTIFICATIONS = 500;

/** A subscriber fell so far behind that its stream ends (its client reconnects and resumes). */
export class SubscriberTooSlow extends Error {
  constructor(kind: EventKind) {
    super(`A ${kind} stream fell too far behind its events and was ended; its client resumes from its last event.`);
  }
}

/** A snapshot's version; events without one (access changes) all count as news. */
const versionOf = (payload: unknown): number => {
  const version = (payload as { version?: unknown } | null)?.version;
  return typeof version === "number" ? version : Number.NEGATIVE_INFINITY;
};

export function createInProcessBus(): EventBus {
  const emitter = new EventEmitter();
  // Thousands of viewers may watch one session: that is expected, not a leak.
  emitter.setMaxListeners(0);
  return {
    publish(kind, key, payload) {
      emitter.emit(`${kind}:${key}`, payload);
    },
    subscribe<K extends EventKind>(kind: K, key: string, signal: AbortSignal) {
      // Listening starts now, not at the first read, so a caller can subscribe,
      // then read a backlog, and miss nothing published in between.
      const name = `${kind}:${key}`;
      const pending: EventChannels[K][] = [];
      let overflowed = false;
      let wake: (() => void) | null = null;
      const listener = (payload: EventChannels[K]) => {
        // A subscriber that reads slower than events arrive (a slow or stalled
        // client) must not make them pile up: a snapshot supersedes the one before
        // it, so only the newest waits; notifications each count, so past a bound
        // the stream ends and its client resumes from its last event id.
        if (kind !== "notification") {
          // Announcements can arrive out of order: a waiting newer snapshot stays.
          const waiting = pending[0];
          if (waiting !== undefined && versionOf(waiting) >= versionOf(payload)) return;
          pending.length = 0;
        }
        if (pending.length >= MAX_PENDING_NOTIFICATIONS) overflowed = true;
        else pending.push(payload);
        wake?.();
      };
      const stop = () => {
        emitter.off(name, listener);
        wake?.();
      };
      emitter.on(name, listener);
      signal.addEventListener("abort", stop, { once: true });
      if (signal.aborted) stop();
      return (async function* () {
        try {
          while (!signal.aborted) {
            if (overflowed) throw new SubscriberTooSlow(kind);
            const next = pending.shift();
            if (next !== undefined) yield next;
            else await new Promise<void>((resolve) => (wake = resolve));
            wake = null;
          }
        } finally {
          stop();
          signal.removeEventListener("abort", stop);
        }
      })();
    },
    watched() {
      return emitter.eventNames().map((name) => {
        const [kind, ...key] = String(name).split(":");
        return [kind as EventKind, key.join(":")];
      });
    },
    async check() {},
    async close() {
      emitter.removeAllListeners();
    },
  };
}
