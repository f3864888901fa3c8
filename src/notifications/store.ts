// Notifications: written in the same transaction as the change they announce
// (stored together or not at all), announced live once that transaction commits.
// Each goes in the app, by email or both, as its user chose (preferences.ts); email
// goes only to a verified address.
import type { Db, Tx } from "../db/client.ts";
import type { EventBus } from "../events/bus.ts";
import type { Outbox } from "../events/outbox.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { NotificationType } from "../generated/prisma/enums.ts";
import { queueEmails } from "../outgoing/queue.ts";
import { after, type ListPart, pageThroughParts } from "../pagination.ts";
import { channelsFor } from "./preferences.ts";

export const notificationView = {
  id: true,
  userId: true,
  type: true,
  gameSessionId: true,
  title: true,
  body: true,
  data: true,
  readAt: true,
  createdAt: true,
} satisfies Prisma.NotificationSelect;

export type NotificationView = Prisma.NotificationGetPayload<{ select: typeof notificationView }>;

export type NewNotification = {
  userId: string;
  type: NotificationType;
  gameSessionId?: string;
  title: string;
  body?: string;
  data?: Prisma.InputJsonValue;
};

/**
 * Notices about someone's own place in a session, of which only the latest matters:
 * a GM who adds and removes a person over and over leaves them one unread notice, not
 * a flood.
 */
const SUPERSEDING_TYPES: NotificationType[] = ["participant_added", "participant_removed"];

export async function notify(tx: Tx, outbox: Outbox, notifications: NewNotification[], now: Date): Promise<void> {
  if (notifications.length === 0) return;
  const recipients = await tx.user.findMany({
    where: { id: { in: [...new Set(notifications.map((n) => n.userId))] } },
    select: {
      id: true,
      email: true,
      emailVerifiedAt: true,
      preferences: { where: { type: { in: [...new Set(notifications.map((n) => n.type))] } } },
    },
  });
  const byId = new Map(recipients.map((user) => [user.id, user]));
  const inApp: NewNotification[] = [];
  const emailed: NewNotification[] = [];
  for (const notification of notifications) {
    const user = byId.get(notification.userId);
    if (!user) continue;
    const channels = channelsFor(notification.type, user.preferences);
    if (channels.inApp) inApp.push(notification);
    if (channels.email && user.emailVerifiedAt) emailed.push(notification);
  }
  await queueEmails(
    tx,
    emailed.map(({ userId, type, gameSessionId, title, body, data }) => ({
      kind: type,
      to: byId.get(userId)?.email ?? "",
      userId,
      gameSessionId,
      subject: title,
      content: { kind: "notification", title, body: body ?? "", data: data ?? null },
    })),
    now,
  );
  if (inApp.length === 0) return;
  for (const { userId, gameSessionId, type } of inApp) {
    if (!SUPERSEDING_TYPES.includes(type) || !gameSessionId) continue;
    // Marked read, not deleted: a reconnecting stream resumes from the id it last saw.
    await tx.notification.updateMany({
      where: { userId, gameSessionId, readAt: null, type: { in: SUPERSEDING_TYPES } },
      data: { readAt: now },
    });
  }
  const created = await tx.notification.createManyAndReturn({
    data: inApp.map((n) => ({ ...n, createdAt: now })),
    select: notificationView,
  });
  outbox.notifications.push(...created);
}

export function announceNotifications(events: EventBus, outbox: Outbox): void {
  for (const notification of outbox.notifications) events.publish("notification", notification.userId, notification);
}

/** In the inbox, each notice also says when its session is. */
const inboxView = {
  ...notificationView,
  gameSession: { select: { startsAt: true } },
} satisfies Prisma.NotificationSelect;
type InboxItem = Prisma.NotificationGetPayload<{ select: typeof inboxView }>;

/** A user's notifications, unread first, newest first within each part. */
export function listNotifications(db: Db, userId: string, limit: number, cursor?: string | null) {
  const part = (name: string, read: boolean): ListPart<InboxItem> => ({
    name,
    fetch: (afterId, take) =>
      db.notification.findMany({
        where: { userId, readAt: read ? { not: null } : null },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take,
        ...after(afterId),
        select: inboxView,
      }),
  });
  return pageThroughParts([part("unread", false), part("read", true)], limit, cursor);
}

export function countUnread(db: Db, userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

export async function markRead(db: Db, userId: string, notificationIds: string[] | "all", now: Date) {
  const { count } = await db.notification.updateMany({
    where: { userId, readAt: null, ...(notificationIds === "all" ? {} : { id: { in: notificationIds } }) },
    data: { readAt: now },
  });
  return { marked: count };
}

/** The user's notifications created after the one with `lastId`, oldest first (to resume a stream). */
export async function notificationsAfter(db: Db, userId: string, lastId: string): Promise<NotificationView[]> {
  const last = await db.notification.findFirst({ where: { id: lastId, userId }, select: { createdAt: true } });
  if (!last) return [];
  return db.notification.findMany({
    where: {
      userId,
      OR: [{ createdAt: { gt: last.createdAt } }, { createdAt: last.createdAt, id: { gt: lastId } }],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: notificationView,
  });
}
