// How each user hears of each kind of notification: in the app, by email, both or
// neither. A user's row for a type overrides the defaults below.
import type { Db, Tx } from "../db/client.ts";
import { NotificationType } from "../generated/prisma/enums.ts";

export type Channels = { inApp: boolean; email: boolean };

/** Email for what changes someone's plans; "it started" is only news to those already at the table. */
export const DEFAULT_CHANNELS: Record<NotificationType, Channels> = {
  session_cancelled: { inApp: true, email: true },
  waitlist_promoted: { inApp: true, email: true },
  participant_added: { inApp: true, email: true },
  participant_removed: { inApp: true, email: true },
  session_updated: { inApp: true, email: true },
  session_started: { inApp: true, email: false },
  session_reminder: { inApp: true, email: true },
  last_call: { inApp: true, email: true },
  poll_opened: { inApp: true, email: true },
  poll_decided: { inApp: true, email: true },
};

export const NOTIFICATION_TYPES = Object.values(NotificationType);

export type Preference = Channels & { type: NotificationType };

/** Every type with the user's choice for it, in a stable order. */
export async function getPreferences(db: Db, userId: string): Promise<Preference[]> {
  const rows = await db.notificationPreference.findMany({ where: { userId } });
  const chosen = new Map(rows.map((row) => [row.type, row]));
  return NOTIFICATION_TYPES.map((type) => {
    const row = chosen.get(type);
    return {
      type,
      inApp: row?.inApp ?? DEFAULT_CHANNELS[type].inApp,
      email: row?.email ?? DEFAULT_CHANNELS[type].email,
    };
  });
}

/** Sets only the channels given, so two changes at once (two clicks, a click and an unsubscribe) both stand. */
export async function setPreference(db: Db | Tx, userId: string, type: NotificationType, channels: Partial<Channels>) {
  const given = {
    ...(channels.inApp === undefined ? {} : { inApp: channels.inApp }),
    ...(channels.email === undefined ? {} : { email: channels.email }),
  };
  const row = await db.notificationPreference.upsert({
    where: { userId_type: { userId, type } },
    create: { userId, type, ...DEFAULT_CHANNELS[type], ...given },
    update: given,
  });
  return { type, inApp: row.inApp, email: row.email };
}

export function channelsFor(
  type: NotificationType,
  rows: { type: NotificationType; inApp: boolean; email: boolean }[],
) {
  return rows.find((row) => row.type === type) ?? DEFAULT_CHANNELS[type];
}
