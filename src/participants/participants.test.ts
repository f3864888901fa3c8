import { afterAll, describe, expect, it } from "vitest";
import { createTestApp, HOUR } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import { testProvider } from "../../tests/setup/test-database.ts";

const app = await createTestApp();
afterAll(() => app.close());

async function seatedAndWaiting(sessionId: string) {
  const rows = await app.db.participant.findMany({
    where: { gameSessionId: sessionId, role: "player" },
    orderBy: { joinOrder: "asc" },
  });
  return {
    joined: rows.filter((r) => r.status === "joined").map((r) => r.userId),
    waitlisted: rows.filter((r) => r.status === "waitlisted").map((r) => r.userId),
  };
}

describe("joining", () => {
  it("seats players until the session is full, then waitlists them in order", async () => {
    const { id } = await app.given.session({ seats: 2 });
    const [a, b, c, d] = await app.given.users(4);
    expect((await app.as(a!).participant.join({ sessionId: id })).status).toBe("joined");
    expect((await app.as(b!).participant.join({ sessionId: id })).status).toBe("joined");
    const third = await app.as(c!).participant.join({ sessionId: id });
    const fourth = await app.as(d!).participant.join({ sessionId: id });
    expect(third).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    expect(fourth).toMatchObject({ status: "waitlisted", waitlistPosition: 2 });
    const view = await app.as(a!).session.byId({ sessionId: id });
    expect(view).toMatchObject({ playerCount: 2, openSeats: 0, waitlistCount: 2 });
  });

  it("50 players racing for 6 seats: exactly 6 joined, 44 waitlisted in arrival order, no duplicates", async () => {
    const { id } = await app.given.session({ seats: 6 });
    const players = await app.given.users(50);
    const results = await Promise.all(players.map((p) => app.as(p).participant.join({ sessionId: id })));
    expect(results.filter((r) => r.status === "joined")).toHaveLength(6);
    expect(results.filter((r) => r.status === "waitlisted")).toHaveLength(44);
    const { joined, waitlisted } = await seatedAndWaiting(id);
    // Joins take the session lock first come, first served: the place each was told is
    // the place it holds, 1 to 44 with none twice.
    const told = players
      .map((p, i) => ({ id: p.id, position: results[i]!.waitlistPosition }))
      .filter((r) => r.position !== null)
      .sort((a, b) => a.position! - b.position!);
    expect(told.map((r) => r.position)).toEqual(Array.from({ length: 44 }, (_, i) => i + 1));
    expect(waitlisted).toEqual(told.map((r) => r.id));
    if (testProvider === "sqlite") {
      // SQLite runs one query at a time, in call order, so arrival order is call order
      // (a PostgreSQL pool grants the lock in whatever order the connections reach it).
      expect(joined).toEqual(players.slice(0, 6).map((p) => p.id));
      expect(waitlisted).toEqual(players.slice(6).map((p) => p.id));
    }
    expect(await app.db.participant.count({ where: { gameSessionId: id } })).toBe(51); // + the GM
    expect((await app.db.gameSession.findUniqueOrThrow({ where: { id } })).playerCount).toBe(6);

    // A leave promotes exactly one: the first waitlisted.
    const leaver = players.find((p) => p.id === joined[2])!;
    await app.as(leaver).participant.leave({ sessionId: id });
    const after = await seatedAndWaiting(id);
    expect(after.joined).toHaveLength(6);
    expect(after.joined).toContain(waitlisted[0]);
    expect(after.waitlisted).toEqual(waitlisted.slice(1));
    const promoted = await app.db.notification.findMany({ where: { gameSessionId: id, type: "waitlist_promoted" } });
    expect(promoted.map((n) => n.userId)).toEqual([waitlisted[0]]);
  });

  it("the same player joining twice at once gets one seat and one refusal", async () => {
    const { id } = await app.given.session();
    const player = await app.given.user();
    const results = await Promise.allSettled([
      app.as(player).participant.join({ sessionId: id }),
      app.as(player).participant.join({ sessionId: id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await app.db.participant.count({ where: { gameSessionId: id, userId: player.id } })).toBe(1);
    await expectRefusal(app.as(player).participant.join({ sessionId: id }), "CONFLICT", "already in this session");
  });

  it("refuses a second place on the waitlist", async () => {
    const { id } = await app.given.session({ seats: 1 });
    const [a, b] = await app.given.users(2);
    await app.given.join(id, a!);
    await app.given.join(id, b!);
    await expectRefusal(
      app.as(b!).participant.join({ sessionId: id }),
      "CONFLICT",
      "already on this session's waitlist",
    );
  });

  it("observers join without taking a seat", async () => {
    const { id } = await app.given.session({ seats: 1 });
    const [player, watcher] = await app.given.users(2);
    await app.given.join(id, player!);
    const observed = await app.as(watcher!).participant.join({ sessionId: id, role: "observer" });
    expect(observed).toMatchObject({ role: "observer", status: "joined" });
    expect((await app.db.gameSession.findUniqueOrThrow({ where: { id } })).playerCount).toBe(1);
  });

  it("late joins only when the session allows them", async () => {
    const strict = await app.given.session();
    const lenient = await app.given.session({ allowLateJoin: true });
    await app.as(strict.host).session.start({ sessionId: strict.id });
    await app.as(lenient.host).session.start({ sessionId: lenient.id });
    await app.as(lenient.host).session.pause({ sessionId: lenient.id });
    const player = await app.given.user();
    await expectRefusal(app.as(player).participant.join({ sessionId: strict.id }), "CONFLICT", "late joiners");
    expect((await app.as(player).participant.join({ sessionId: lenient.id })).status).toBe("joined");
  });

  it("refuses joining completed and cancelled sessions, and unknown ones", async () => {
    const done = await app.given.session();
    await app.as(done.host).session.start({ sessionId: done.id });
    await app.as(done.host).session.end({ sessionId: done.id });
    const off = await app.given.session();
    await app.as(off.host).session.cancel({ sessionId: off.id });
    const player = await app.given.user();
    await expectRefusal(app.as(player).participant.join({ sessionId: done.id }), "CONFLICT", "over");
    await expectRefusal(app.as(player).participant.join({ sessionId: off.id }), "CONFLICT", "cancelled");
    await expectRefusal(app.as(player).participant.join({ sessionId: "nope" }), "NOT_FOUND", "No such session");
  });

  it("joins by code, case-insensitively, and refuses an unknown code", async () => {
    const { id, host } = await app.given.session();
    const { joinCode } = await app.as(host).session.byId({ sessionId: id });
    const player = await app.given.user();
    const joined = await app.as(player).participant.joinByCode({ code: ` ${joinCode!.toLowerCase()} ` });
    expect(joined).toMatchObject({ gameSessionId: id, status: "joined" });
    await expectRefusal(app.as(player).participant.joinByCode({ code: "ZZZZZZZZZZ" }), "NOT_FOUND", "join code");
  });

  it("accepts only the player's own character", async () => {
    const { id } = await app.given.session();
    const [player, other] = await app.given.users(2);
    const mine = await app.db.character.create({ data: { ownerId: player!.id, name: "Meepo" } });
    const theirs = await app.db.character.create({ data: { ownerId: other!.id, name: "Belak" } });
    await expectRefusal(
      app.as(player!).participant.join({ sessionId: id, characterId: theirs.id }),
      "FORBIDDEN",
      "not yours",
    );
    const joined = await app.as(player!).participant.join({ sessionId: id, characterId: mine.id });
    expect(joined.character).toEqual({ id: mine.id, name: "Meepo" });
    await expectRefusal(
      app.as(player!).participant.setCharacter({ sessionId: id, characterId: theirs.id }),
      "FORBIDDEN",
    );
    expect(
      (await app.as(player!).participant.setCharacter({ sessionId: id, characterId: null })).characterId,
    ).toBeNull();
    await expectRefusal(app.as(other!).participant.setCharacter({ sessionId: id, characterId: theirs.id }), "CONFLICT");
  });
});

describe("leaving", () => {
  it("marks the participant left, keeps the row, and lets them rejoin at the back of the queue", async () => {
    const { id } = await app.given.session({ seats: 1 });
    const [a, b, c] = await app.given.users(3);
    await app.given.join(id, a!);
    await app.given.join(id, b!);
    await app.as(a!).participant.leave({ sessionId: id });
    await app.given.join(id, c!);
    const rejoined = await app.as(a!).participant.join({ sessionId: id });
    expect(rejoined).toMatchObject({ status: "waitlisted", waitlistPosition: 2, leftAt: null });
    expect(await seatedAndWaiting(id)).toEqual({ joined: [b!.id], waitlisted: [c!.id, a!.id] });
  });

  it("a waitlisted player leaving frees no seat", async () => {
    const { id } = await app.given.session({ seats: 1 });
    const [a, b, c] = await app.given.users(3);
    for (const u of [a!, b!, c!]) await app.given.join(id, u);
    await app.as(b!).participant.leave({ sessionId: id });
    expect(await seatedAndWaiting(id)).toEqual({ joined: [a!.id], waitlisted: [c!.id] });
  });

  it("refuses a leave from someone not in the session, and from the host", async () => {
    const { id, host } = await app.given.session();
    const stranger = await app.given.user();
    await expectRefusal(app.as(stranger).participant.leave({ sessionId: id }), "CONFLICT", "not in this session");
    await expectRefusal(app.as(host).participant.leave({ sessionId: id }), "CONFLICT", "cancel it");
  });
});

describe("the GM manages participants", () => {
  it("adds a player (waitlisted when full) and tells them", async () => {
    const { id, host } = await app.given.session({ seats: 1 });
    const [a, b] = await app.given.users(2);
    expect((await app.as(host).participant.add({ sessionId: id, userId: a!.id })).status).toBe("joined");
    expect((await app.as(host).participant.add({ sessionId: id, userId: b!.id })).status).toBe("waitlisted");
    const added = await app.db.notification.findMany({ where: { gameSessionId: id, type: "participant_added" } });
    expect(added.map((n) => n.userId).sort()).toEqual([a!.id, b!.id].sort());
    await expectRefusal(app.as(host).participant.add({ sessionId: id, userId: a!.id }), "CONFLICT", "already");
    await expectRefusal(app.as(host).participant.add({ sessionId: id, userId: "nobody" }), "NOT_FOUND", "No such user");
  });

  it("adding and removing someone over and over leaves them one unread notice, the latest", async () => {
    const { id, host } = await app.given.session({ seats: 3 });
    const player = await app.given.user();
    for (let round = 0; round < 5; round++) {
      await app.as(host).participant.add({ sessionId: id, userId: player.id });
      await app.as(host).participant.remove({ sessionId: id, userId: player.id });
    }
    const unread = () =>
      app.db.notification.findMany({ where: { gameSessionId: id, userId: player.id, readAt: null } });
    expect((await unread()).map((n) => n.type)).toEqual(["participant_removed"]);
    expect(await app.as(player).notification.unreadCount()).toBe(1);
    // The superseded ones are kept (read): a reconnecting stream resumes from any of them.
    expect(await app.db.notification.count({ where: { gameSessionId: id, userId: player.id } })).toBe(10);
    await app.as(player).notification.markAllRead();
    await app.as(host).participant.add({ sessionId: id, userId: player.id });
    expect((await unread()).map((n) => n.type)).toEqual(["participant_added"]);
  });

  it("a removal sticks: the player cannot rejoin by id or code until the GM adds them again", async () => {
    const { id, host } = await app.given.session({ seats: 3 });
    const player = await app.given.user();
    await app.given.join(id, player);
    await app.as(host).participant.remove({ sessionId: id, userId: player.id });
    const { joinCode } = await app.as(host).session.byId({ sessionId: id });
    const told = "The GM removed you from this session. Only they can add you again.";
    await expectRefusal(app.as(player).participant.join({ sessionId: id }), "FORBIDDEN", told);
    await expectRefusal(app.as(player).participant.joinByCode({ code: joinCode! }), "FORBIDDEN", told);
    const [mine] = (await app.as(player).participant.list({ sessionId: id })).filter((p) => p.userId === player.id);
    expect(mine).toMatchObject({ status: "left", removedAt: expect.any(Date) });
    // Others see that they left, not that they were removed.
    const onlooker = await app.given.user();
    const [seen] = (await app.as(onlooker).participant.list({ sessionId: id })).filter((p) => p.userId === player.id);
    expect(seen).toMatchObject({ status: "left", removedAt: null });

    await app.as(host).participant.add({ sessionId: id, userId: player.id });
    await app.as(player).participant.leave({ sessionId: id });
    expect((await app.as(player).participant.join({ sessionId: id })).status).toBe("joined"); // lifted
  });

  it("removes a player, promoting the first waitlisted, and cannot remove the host", async () => {
    const { id, host } = await app.given.session({ seats: 1 });
    const [a, b] = await app.given.users(2);
    await app.given.join(id, a!);
    await app.given.join(id, b!);
    await app.as(host).participant.remove({ sessionId: id, userId: a!.id });
    expect(await seatedAndWaiting(id)).toEqual({ joined: [b!.id], waitlisted: [] });
    await expectRefusal(app.as(host).participant.remove({ sessionId: id, userId: host.id }), "CONFLICT", "host");
  });

  it("moves players to observers and back, handing on and asking for seats", async () => {
    const { id, host } = await app.given.session({ seats: 1 });
    const [a, b] = await app.given.users(2);
    await app.given.join(id, a!);
    await app.given.join(id, b!);
    const watching = await app.as(host).participant.setRole({ sessionId: id, userId: a!.id, role: "observer" });
    expect(watching).toMatchObject({ role: "observer", status: "joined" });
    expect(await seatedAndWaiting(id)).toEqual({ joined: [b!.id], waitlisted: [] });
    const back = await app.as(host).participant.setRole({ sessionId: id, userId: a!.id, role: "player" });
    expect(back).toMatchObject({ role: "player", status: "waitlisted", waitlistPosition: 1 });
    await expectRefusal(
      app.as(host).participant.setRole({ sessionId: id, userId: host.id, role: "player" }),
      "CONFLICT",
      "host",
    );
  });

  it("raising maxPlayers promotes from the waitlist; lowering it below the players is refused", async () => {
    const { id, host } = await app.given.session({ seats: 1, minPlayers: 1 });
    const [a, b, c] = await app.given.users(3);
    for (const u of [a!, b!, c!]) await app.given.join(id, u);
    await app.as(host).session.update({ sessionId: id, maxPlayers: 2 });
    expect(await seatedAndWaiting(id)).toEqual({ joined: [a!.id, b!.id], waitlisted: [c!.id] });
    await expectRefusal(app.as(host).session.update({ sessionId: id, maxPlayers: 1 }), "CONFLICT", "2 players");
  });

  it("lists participants in join order with waitlist positions and the time they were present", async () => {
    const { id, host } = await app.given.session({ seats: 1 });
    const [a, b] = await app.given.users(2);
    await app.given.join(id, a!);
    app.advance(HOUR);
    await app.given.join(id, b!);
    const list = await app.as(a!).participant.list({ sessionId: id });
    expect(list.map((p) => [p.userId, p.role, p.status, p.waitlistPosition])).toEqual([
      [host.id, "master", "joined", null],
      [a!.id, "player", "joined", null],
      [b!.id, "player", "waitlisted", 1],
    ]);
    expect(list[0]).toHaveProperty("totalTimeMinutes", 0);
    expect(list[2]!.user.displayName).toBe(b!.displayName);
  });
});

describe("who may call what", () => {
  it("requires sign-in for every participant procedure", async () => {
    const { id } = await app.given.session();
    const anon = app.as(null).participant;
    await expectRefusal(anon.list({ sessionId: id }), "UNAUTHORIZED");
    await expectRefusal(anon.join({ sessionId: id }), "UNAUTHORIZED");
    await expectRefusal(anon.joinByCode({ code: "ABC" }), "UNAUTHORIZED");
    await expectRefusal(anon.leave({ sessionId: id }), "UNAUTHORIZED");
    await expectRefusal(anon.setCharacter({ sessionId: id, characterId: null }), "UNAUTHORIZED");
    await expectRefusal(anon.add({ sessionId: id, userId: "x" }), "UNAUTHORIZED");
    await expectRefusal(anon.remove({ sessionId: id, userId: "x" }), "UNAUTHORIZED");
    await expectRefusal(anon.setRole({ sessionId: id, userId: "x", role: "player" }), "UNAUTHORIZED");
  });

  it("lets only the host GM or an admin add, remove and set roles", async () => {
    const { id } = await app.given.session({ seats: 4 });
    const [player, target, otherGm] = await app.given.users(3);
    const admin = await app.given.user({ role: "admin" });
    await app.given.join(id, player!);
    await app.given.join(id, target!);
    for (const outsider of [player!, otherGm!]) {
      const as = app.as(outsider).participant;
      await expectRefusal(as.add({ sessionId: id, userId: otherGm!.id }), "FORBIDDEN", "GM or an admin");
      await expectRefusal(as.remove({ sessionId: id, userId: target!.id }), "FORBIDDEN");
      await expectRefusal(as.setRole({ sessionId: id, userId: target!.id, role: "observer" }), "FORBIDDEN");
    }
    expect(await seatedAndWaiting(id)).toEqual({ joined: [player!.id, target!.id], waitlisted: [] });
    await app.as(admin).participant.setRole({ sessionId: id, userId: target!.id, role: "observer" });
    await app.as(admin).participant.remove({ sessionId: id, userId: target!.id });
    expect((await app.as(admin).participant.add({ sessionId: id, userId: otherGm!.id })).status).toBe("joined");
  });
});
