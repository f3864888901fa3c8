// A subscriber that stops reading must not make events pile up in memory.
import { describe, expect, it } from "vitest";
import type { PresenceSnapshot } from "../presence/snapshot.ts";
import { createInProcessBus, MAX_PENDING_NOTIFICATIONS, SubscriberTooSlow } from "./in-process-bus.ts";

const snapshot = (version: number): PresenceSnapshot => ({ sessionId: "s", version, members: [] });

describe("the in-process bus, for a subscriber that does not keep up", () => {
  it("keeps only the newest snapshot waiting", async () => {
    const bus = createInProcessBus();
    const stop = new AbortController();
    const events = bus.subscribe("presence", "s", stop.signal)[Symbol.asyncIterator]();
    for (let version = 1; version <= 10_000; version++) bus.publish("presence", "s", snapshot(version));
    expect((await events.next()).value).toEqual(snapshot(10_000));
    bus.publish("presence", "s", snapshot(10_001));
    expect((await events.next()).value).toEqual(snapshot(10_001));
    // Out of order (announcements race their commits): an older one never displaces a newer.
    bus.publish("presence", "s", snapshot(10_005));
    bus.publish("presence", "s", snapshot(10_004));
    expect((await events.next()).value).toEqual(snapshot(10_005));
    stop.abort();
    expect(await events.next()).toEqual({ done: true, value: undefined });
    expect(bus.watched()).toEqual([]);
  });

  it("keeps every notification up to a bound, then ends the stream so its client resumes", async () => {
    const bus = createInProcessBus();
    const stop = new AbortController();
    const events = bus.subscribe("notification", "u", stop.signal)[Symbol.asyncIterator]();
    const notification = (n: number) => ({ id: `n${n}` }) as never;
    for (let n = 1; n <= MAX_PENDING_NOTIFICATIONS; n++) bus.publish("notification", "u", notification(n));
    expect((await events.next()).value).toEqual(notification(1));
    for (let n = 0; n < 2; n++) bus.publish("notification", "u", notification(0));
    await expect(events.next()).rejects.toBeInstanceOf(SubscriberTooSlow);
    expect(bus.watched()).toEqual([]); // its listener is gone with it
  });
});
