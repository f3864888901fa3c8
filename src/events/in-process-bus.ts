// The event bus for a single server process: one EventEmitter event name per
// channel, so a publish reaches only that channel's listeners. The PostgreSQL bus
// delivers through one of these in each process.
import { EventEmitter, on } from "node:events";
import type { EventBus, EventChannels, EventKind } from "./bus.ts";

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
      const events = on(emitter, `${kind}:${key}`, { signal });
      return (async function* () {
        try {
          for await (const [payload] of events) yield payload as EventChannels[K];
        } catch (error) {
          // The subscriber went away: the end of the stream, not a failure.
          if (!signal.aborted) throw error;
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
