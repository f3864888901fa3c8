import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import type { AuthUser } from "../auth/lucia.ts";

const app = await createTestApp();
afterAll(() => app.close());

async function notificationsFor(user: AuthUser, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    app.advance(60_000);
    const n = await app.db.notification.create({
      data: { userId: user.id, type: "session_updated", title: `Note ${i}`, createdAt: app.clock.now },
    });
    ids.push(n.id);
  }
  return ids;
}

describe("notifications", () => {
  it("lists unread first, newest first, in pages", async () => {
    const user = await app.given.user();
    const ids = await notificationsFor(user, 5); // Note 0 (oldest) .. Note 4
    await app.as(user).notification.markRead({ notificationIds: [ids[3]!, ids[4]!] });
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { title: string }[]; nextCursor: string | null } = await app
        .as(user)
        .notification.list({ limit: 2, cursor });
      titles.push(...page.items.map((n) => n.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(titles).toEqual(["Note 2", "Note 1", "Note 0", "Note 4", "Note 3"]);
  });

  it("pages cleanly when the unread part ends exactly at a page's end", async () => {
    const user = await app.given.user();
    const ids = await notificationsFor(user, 4);
    await app.as(user).notification.markRead({ notificationIds: [ids[0]!, ids[1]!] });
    const first = await app.as(user).notification.list({ limit: 2 });
    expect(first.items.map((n) => n.title)).toEqual(["Note 3", "Note 2"]);
    const second = await app.as(user).notification.list({ limit: 2, cursor: first.nextCursor });
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.items.map((n) => n.title)).toEqual(["Note 1", "Note 0"]);
  });

  it("counts and marks only the caller's own notifications", async () => {
    const [me, other] = await app.given.users(2);
    const mine = await notificationsFor(me!, 3);
    const theirs = await notificationsFor(other!, 2);
    expect(await app.as(me!).notification.unreadCount()).toBe(3);
    expect(await app.as(me!).notification.markRead({ notificationIds: [mine[0]!, theirs[0]!] })).toEqual({ marked: 1 });
    expect(await app.as(other!).notification.unreadCount()).toBe(2);
    expect(await app.as(me!).notification.markAllRead()).toEqual({ marked: 2 });
    expect(await app.as(me!).notification.unreadCount()).toBe(0);
    expect(await app.as(other!).notification.unreadCount()).toBe(2);
    const [read] = (await app.as(me!).notification.list({})).items;
    expect(read!.readAt).toEqual(app.clock.now);
  });

  it("refuses anonymous callers and bad input", async () => {
    const anon = app.as(null).notification;
    await expectRefusal(anon.list({}), "UNAUTHORIZED");
    await expectRefusal(anon.unreadCount(), "UNAUTHORIZED");
    await expectRefusal(anon.markRead({ notificationIds: ["x"] }), "UNAUTHORIZED");
    await expectRefusal(anon.markAllRead(), "UNAUTHORIZED");
    const user = await app.given.user();
    await expectRefusal(app.as(user).notification.markRead({ notificationIds: [] }), "BAD_REQUEST", /^Notifications: /);
    await expectRefusal(app.as(user).notification.list({ cursor: "garbage" }), "BAD_REQUEST", /^Page: /);
  });

  it("a live stream delivers each notification once, even when the bus delivers it again (a resync)", async () => {
    const user = await app.given.user();
    const [first, second] = await notificationsFor(user, 2);
    const views = await app.db.notification.findMany({
      where: { id: { in: [first!, second!] } },
      orderBy: { createdAt: "asc" },
    });
    // Each event is tRPC's tracked envelope: [id, notification].
    const stream = (await app.as(user).notification.onCreated()) as AsyncIterable<[string, unknown]>;
    const iterator = stream[Symbol.asyncIterator]();
    const next = iterator.next(); // the stream starts listening
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const view of [views[0]!, views[0]!, views[1]!]) app.services.events.publish("notification", user.id, view);
    const received = [(await next).value, (await iterator.next()).value];
    await iterator.return?.();
    expect(received.map((event) => event?.[0])).toEqual([first, second]);
  });
});
