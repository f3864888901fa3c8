// Writes notifications, in the same transaction as the change they announce,
// so a change and its notifications are stored together or not at all.
import type { Tx } from "../db/client.ts";
import type { NotificationType } from "../generated/prisma/enums.ts";

export type NewNotification = {
  userId: string;
  type: NotificationType;
  gameSessionId?: string;
  title: string;
  body?: string;
};

export async function notify(tx: Tx, notifications: NewNotification[], now: Date): Promise<void> {
  if (notifications.length === 0) return;
  await tx.notification.createMany({ data: notifications.map((n) => ({ ...n, createdAt: now })) });
}
