// The PostgreSQL bus carries events between processes: here two buses on one database
// stand for two server processes (the multi-process tests run real ones).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../tests/app.ts";
import { onPostgresServer, testProvider } from "../../tests/setup/test-database.ts";
import type { EventBus, EventChannels, EventReader } from "./bus.ts";
import { createPostgresBus } from "./postgres-bus.ts";
import { createEventReader } from "./reader.ts";

// LISTEN/NOTIFY is PostgreSQL's; on SQLite there is one process and the in-process bus.
describe.runIf(testProvider === "postgresql")("the PostgreSQL event bus", () => {
  let app: TestApp;
  let reader: EventReader;
  let other: EventBus;
  const delays: number[] = [];
  beforeAll(async () => {
    app = await createTestApp();
    reader = createEventReader(app.db, app.config.CANCEL_CUTOFF_MINUTES);
    other = createPostgresBus(app.config.DATABASE_URL, reader, { onDelivered: (_, ms) => delays.push(ms) });
  });
  afterAll(async () => {
    await other.close();
    await app.close();
  });

  /**
   * Collects what `bus` delivers on a channel until `count` events arrived, or until
   * `until` says the last one is the one awaited.
   */
  function collect<K extends keyof EventChannels>(
    bus: EventBus,
    kind: K,
    key: string,
    count: number,
    until: (event: EventChannels[K]) => boolean = () => false,
  ) {
    const stop = new AbortController();
    const received: EventChannels[K][] = [];
    const done = (async () => {
      for await (const event of bus.subscribe(kind, key, stop.signal)) {
        received.push(event);
        if (received.length === count || until(event)) break;
      }
      return received;
    })();
    return { done, stop: () => stop.abort() };
  }

  it("delivers what one process publishes to another's subscribers, in order, with Dates intact", async () => {
    const { id } = await app.given.session();
    const view = await reader.snapshot("gameSession", id);
    const seen = collect(other, "gameSession", id, 20, (event) => event.version === 20);
    await other.check(); // listening
    for (let version = 1; version <= 20; version++)
      app.services.events.publish("gameSession", id, { ...view!, version });
    const received = await seen.done;
    // In order, ending with the newest; a snapshot that arrives while the subscriber is
    // still busy with the one before is superseded by the next, so some may be skipped.
    const versions = received.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions.at(-1)).toBe(20);
    expect(received[0]!.startsAt).toBeInstanceOf(Date);
    expect(received[0]!.startsAt.getTime()).toBe(view!.startsAt.getTime());
    expect(delays.length).toBeGreaterThanOrEqual(20);
  });

  it("sends a snapshot too large for a NOTIFY as a reference, and each process re-reads it", async () => {
    const { id } = await app.given.session();
    const current = await reader.snapshot("gameSession", id);
    const seen = collect(other, "gameSession", id, 1);
    await other.check();
    // 10 KB of title: over PostgreSQL's 8,000-byte NOTIFY limit.
    app.services.events.publish("gameSession", id, { ...current!, title: "x".repeat(10_000) });
    // What arrives is what the database holds, not the oversized copy.
    expect((await seen.done)[0]).toEqual(current);
  });

  it("never loses an event whose escaping pushes it past the NOTIFY limit", async () => {
    const { id } = await app.given.session();
    const current = await reader.snapshot("gameSession", id);
    const seen = collect(other, "gameSession", id, 1);
    await other.check();
    // 6,000 bytes of title, twice that once JSON escapes every backslash.
    const escaped = { ...current!, version: current!.version + 1, title: "\\".repeat(3_000) };
    app.services.events.publish("gameSession", id, escaped);
    // Escaped once, it fits a NOTIFY: it travels whole.
    expect((await seen.done).map((view) => [view.version, view.title])).toEqual([[escaped.version, escaped.title]]);
    const next = collect(other, "gameSession", id, 1);
    await other.check();
    const small = { ...current!, version: current!.version + 2 };
    app.services.events.publish("gameSession", id, small);
    expect((await next.done).map((view) => view.version)).toEqual([small.version]);
  });

  it("listens again after its connection is cut, and re-reads what its subscribers watch", async () => {
    const { id } = await app.given.session();
    const current = await reader.snapshot("gameSession", id);
    const seen = collect(other, "gameSession", id, 2);
    await other.check();
    const database = new URL(app.config.DATABASE_URL).pathname.slice(1);
    const cut = await onPostgresServer((client) =>
      client.query<{ ended: boolean }>(
        `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1 AND query ILIKE 'listen%'`,
        [database],
      ),
    );
    expect(cut.rows.length).toBeGreaterThanOrEqual(1);
    expect(cut.rows.every((row) => row.ended)).toBe(true);
    // Events published while it reconnects are lost to it; the resync after
    // reconnecting re-reads the session, then a later publish arrives as usual.
    let arrived = false;
    void seen.done.then(() => {
      arrived = true;
    });
    for (let version = current!.version + 1; !arrived; version++) {
      app.services.events.publish("gameSession", id, { ...current!, version });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const received = await seen.done;
    expect(received.some((view) => view.version === current!.version)).toBe(true); // the resync
    expect(received.some((view) => view.version > current!.version)).toBe(true); // a live event
    await other.check(); // healthy again: its own NOTIFY comes back through LISTEN
  });

  it("is unhealthy once it can no longer hear itself", async () => {
    const closed = createPostgresBus(app.config.DATABASE_URL, reader);
    await closed.check();
    await closed.close();
    const outcome = await Promise.race([
      closed.check().then(
        () => "healthy",
        () => "refused",
      ),
      new Promise((resolve) => setTimeout(resolve, 1_000, "silent")),
    ]);
    expect(outcome).not.toBe("healthy");
  });
});
