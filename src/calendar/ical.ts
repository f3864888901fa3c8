// A user's upcoming sessions as an iCalendar document (ical-generator), in UTC.
import ical, { ICalEventStatus } from "ical-generator";

export type CalendarSession = {
  id: string;
  title: string;
  description: string;
  status: string;
  startsAt: Date;
  endsAt: Date | null;
  venue: { name: string; address: string | null; onlineUrl: string | null } | null;
  host: { displayName: string };
};

const DEFAULT_LENGTH_MS = 4 * 3_600_000;

export function buildCalendar(sessions: CalendarSession[], publicUrl: string, now: Date): string {
  const calendar = ical({ name: "Quorum sessions", prodId: { company: "Quorum", product: "quorum", language: "EN" } });
  for (const s of sessions) {
    const where = s.venue ? [s.venue.name, s.venue.address].filter(Boolean).join(", ") : null;
    calendar.createEvent({
      // Stable across exports, so calendar apps update an event rather than duplicate it.
      id: `${s.id}@quorum`,
      start: s.startsAt,
      end: s.endsAt ?? new Date(s.startsAt.getTime() + DEFAULT_LENGTH_MS),
      stamp: now,
      summary: s.title,
      description: [s.description, `GM: ${s.host.displayName}`, s.venue?.onlineUrl].filter(Boolean).join("\n\n"),
      location: where,
      url: `${publicUrl}/sessions/${s.id}`,
      status: s.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
