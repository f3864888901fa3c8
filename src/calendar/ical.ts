// Sessions as an iCalendar document (ical-generator), in UTC: a user's feed, or one
// session to add by hand. Each event's SEQUENCE is the session's version, raised by
// every change, so calendar programs replace what they hold.
import ical, { ICalAlarmType, ICalEventStatus } from "ical-generator";

export type CalendarSession = {
  id: string;
  title: string;
  description: string;
  status: string;
  version: number;
  startsAt: Date;
  endsAt: Date | null;
  venue: { name: string; address: string | null; onlineUrl: string | null } | null;
  host: { displayName: string };
  /** The reader's place in it: a waitlist place is not a seat. */
  place: { status: string; waitlistPosition: number | null } | null;
};

/** A session with no set end shows this long in calendars (the README says so too). */
export const DEFAULT_SESSION_HOURS = 4;
/** Reminders: the evening before, and time to get there. */
const ALARMS_BEFORE_S = [24 * 3600, 3600];

export function buildCalendar(sessions: CalendarSession[], publicUrl: string, now: Date, name = "Quorum sessions") {
  const calendar = ical({ name, prodId: { company: "Quorum", product: "quorum", language: "EN" } });
  for (const s of sessions) {
    const where = s.venue ? [s.venue.name, s.venue.address].filter(Boolean).join(", ") : null;
    const waitlisted = s.place?.status === "waitlisted";
    const notes = [
      s.status === "cancelled" ? "This session was cancelled." : null,
      waitlisted
        ? `You are on the waitlist${s.place?.waitlistPosition ? ` (number ${s.place.waitlistPosition})` : ""}, not yet in a seat.`
        : null,
      s.endsAt ? null : `No end time is set: shown as ${DEFAULT_SESSION_HOURS} hours.`,
      s.description,
      `GM: ${s.host.displayName}`,
      s.venue?.onlineUrl,
    ];
    const event = calendar.createEvent({
      // Stable across exports, so calendar apps update an event rather than duplicate it.
      id: `${s.id}@quorum`,
      sequence: s.version,
      start: s.startsAt,
      end: s.endsAt ?? new Date(s.startsAt.getTime() + DEFAULT_SESSION_HOURS * 3_600_000),
      stamp: now,
      summary: waitlisted ? `${s.title} (waitlist)` : s.title,
      description: notes.filter(Boolean).join("\n\n"),
      location: where,
      url: `${publicUrl}/sessions/${s.id}`,
      status:
        s.status === "cancelled"
          ? ICalEventStatus.CANCELLED
          : waitlisted
            ? ICalEventStatus.TENTATIVE
            : ICalEventStatus.CONFIRMED,
    });
    if (s.status !== "cancelled") {
      for (const seconds of ALARMS_BEFORE_S) {
        if (s.startsAt.getTime() - seconds * 1000 > now.getTime()) {
          event.createAlarm({ type: ICalAlarmType.display, triggerBefore: seconds, description: s.title });
        }
      }
    }
  }
  return calendar.toString();
}
