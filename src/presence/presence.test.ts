import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import type { AuthUser } from "../auth/lucia.ts";
import { sweepStalePresence } from "./rules.ts";

const app = await createTestApp({ PRESENCE_HEARTBEAT_S: "15", PRESENCE_TIMEOUT_S: "45" });
afterAll(() => app.close());
const SECOND = 1000;
const MINUTE = 60 * SECOND;

async function onlineNames(viewer: AuthUser, sessionId: string) {
  const { members } = await app.as(viewer).presence.list({ sessionId });
  return members.filter((m) => m.online).map((m) => m.userId);
}

describe("presence", () => {
  it("connect, heartbeat, time out, come back: the timeline of one player", async () => {
    const { id, host, players } = await app.given.activeSession(1);
    const player = app.as(players[0]!).presence;
    expect(await player.connect({ sessionId: id })).toEqual({ heartbeatSeconds: 15, timeoutSeconds: 45 });
    const connectedAt = app.clock.now;
    expect(await onlineNames(host, id)).toEqual([players[0]!.id]);

    app.advance(15 * SECOND);
    await player.heartbeat({ sessionId: id });
    const lastSeen = app.clock.now;
    app.advance(44 * SECOND);
    await sweepStalePresence(app.services, app.clock.now);
    expect(await onlineNames(host, id)).toEqual([players[0]!.id]); // 44 s of silence: still here

    app.advance(2 * SECOND);
    expect(await sweepStalePresence(app.services, app.clock.now)).toBe(1);
    const { members } = await app.as(host).presence.list({ sessionId: id });
    const me = members.find((m) => m.userId === players[0]!.id)!;
    // Offline as of the last heartbeat, not of the sweep.
    expect(me).toMatchObject({ online: false, connectedAt, lastSeenAt: lastSeen, disconnectedAt: lastSeen });

    app.advance(MINUTE);
    await player.heartbeat({ sessionId: id });
    expect(await onlineNames(host, id)).toEqual([players[0]!.id]);
    const back = (await app.as(host).presence.list({ sessionId: id })).members.find((m) => m.online)!;
    expect(back.connectedAt).toEqual(app.clock.now);
  });

  it("adds up the time present across spells", async () => {
    const { id, host, players } = await app.given.activeSession(1);
    const player = app.as(players[0]!).presence;
    await player.connect({ sessionId: id });
    app.advance(30 * MINUTE);
    await player.disconnect({ sessionId: id });
    app.advance(10 * MINUTE);
    await player.connect({ sessionId: id });
    app.advance(45 * MINUTE);
    await player.disconnect({ sessionId: id });
    await player.disconnect({ sessionId: id }); // already offline: counts nothing more
    const list = await app.as(host).participant.list({ sessionId: id });
    expect(list.find((p) => p.userId === players[0]!.id)!.totalTimeMinutes).toBe(75);
  });

  it("shows characters, online members first, offline ones with when they were last seen", async () => {
    const { id, host, players } = await app.given.activeSession(2);
    const [ada, bob] = players;
    const hero = await app.db.character.create({ data: { ownerId: ada!.id, name: "Meepo" } });
    await app.as(ada!).presence.connect({ sessionId: id, characterId: hero.id });
    await app.as(bob!).presence.connect({ sessionId: id });
    app.advance(MINUTE);
    await app.as(bob!).presence.disconnect({ sessionId: id });
    const { members } = await app.as(host).presence.list({ sessionId: id });
    // Online first, then by name ("GM" before "User …").
    expect(members.map((m) => [m.userId, m.online, m.character?.name ?? null])).toEqual([
      [ada!.id, true, "Meepo"],
      [host.id, false, null],
      [bob!.id, false, null],
    ]);
    expect(members[2]!.lastSeenAt).toEqual(new Date(app.clock.now.getTime() - MINUTE));
    await expectRefusal(
      app.as(bob!).presence.connect({ sessionId: id, characterId: hero.id }),
      "FORBIDDEN",
      "not yours",
    );
  });

  it("opens the lobby of a scheduled session only when the GM is there", async () => {
    const { id, host } = await app.given.session({ minPlayers: 1 });
    const player = await app.given.user();
    await app.given.join(id, player);
    await expectRefusal(app.as(player).presence.connect({ sessionId: id }), "CONFLICT", "GM is not here");
    await app.as(host).presence.connect({ sessionId: id });
    await app.as(player).presence.connect({ sessionId: id });
    expect((await onlineNames(host, id)).sort()).toEqual([host.id, player.id].sort());
  });

  it("ending or cancelling a session, or leaving it, takes people off the table", async () => {
    const ended = await app.given.activeSession(2);
    for (const p of [ended.host, ...ended.players]) await app.as(p).presence.connect({ sessionId: ended.id });
    await app.as(ended.players[0]!).participant.leave({ sessionId: ended.id });
    expect((await onlineNames(ended.host, ended.id)).sort()).toEqual([ended.host.id, ended.players[1]!.id].sort());
    await app.as(ended.host).session.end({ sessionId: ended.id });
    expect(await onlineNames(ended.host, ended.id)).toEqual([]);
    await expectRefusal(app.as(ended.host).presence.connect({ sessionId: ended.id }), "CONFLICT", "completed");

    const cancelled = await app.given.activeSession(1);
    await app.as(cancelled.players[0]!).presence.connect({ sessionId: cancelled.id });
    await app.as(cancelled.host).session.cancel({ sessionId: cancelled.id });
    expect(await onlineNames(cancelled.host, cancelled.id)).toEqual([]);
  });

  it("a player moved to the waitlist leaves the table", async () => {
    const { id, host, players } = await app.given.activeSession(1);
    const watcher = await app.given.user();
    await app.as(host).participant.add({ sessionId: id, userId: watcher.id, role: "observer" });
    await app.as(host).session.update({ sessionId: id, maxPlayers: 1 });
    await app.as(watcher).presence.connect({ sessionId: id });
    expect(await onlineNames(host, id)).toEqual([watcher.id]);
    // The one seat is taken: becoming a player puts the observer on the waitlist.
    const moved = await app.as(host).participant.setRole({ sessionId: id, userId: watcher.id, role: "player" });
    expect(moved.status).toBe("waitlisted");
    expect(await onlineNames(host, id)).toEqual([]);
    expect(players).toHaveLength(1);
  });

  it("lets only participants, the GM and admins see or change presence", async () => {
    const { id, host, players } = await app.given.activeSession(1);
    const [stranger, waiting] = await app.given.users(2);
    const admin = await app.given.user({ role: "admin" });
    await app.as(host).session.update({ sessionId: id, maxPlayers: 1, allowLateJoin: true });
    await app.given.join(id, waiting!); // the one seat is taken: waitlisted

    for (const call of ["connect", "heartbeat", "disconnect", "list"] as const) {
      await expectRefusal(app.as(null).presence[call]({ sessionId: id }), "UNAUTHORIZED");
      await expectRefusal(app.as(stranger!).presence[call]({ sessionId: id }), "FORBIDDEN");
    }
    // On the waitlist: may look, may not sit.
    expect((await app.as(waiting!).presence.list({ sessionId: id })).members.length).toBeGreaterThan(0);
    await expectRefusal(app.as(waiting!).presence.connect({ sessionId: id }), "FORBIDDEN", "Join the session");
    await expectRefusal(app.as(players[0]!).presence.heartbeat({ sessionId: id }), "CONFLICT", "Connect");
    for (const allowed of [players[0]!, host, admin]) {
      await app.as(allowed).presence.connect({ sessionId: id });
      await app.as(allowed).presence.heartbeat({ sessionId: id });
    }
    const { members } = await app.as(admin).presence.list({ sessionId: id });
    expect(members.find((m) => m.userId === admin.id)).toMatchObject({ online: true, role: null });
    await app.as(admin).presence.disconnect({ sessionId: id });
    await expectRefusal(app.as(host).presence.list({ sessionId: "missing" }), "NOT_FOUND");
    await expectRefusal(app.as(host).presence.connect({ sessionId: "" }), "BAD_REQUEST", /^Session: /);
  });
});
