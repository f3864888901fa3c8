// A notification's text as the reader should see it: a moved session's times in the
// reader's own zone (from its data), else the text the server wrote.
import { scheduleChangeLines } from "../../src/sessions/schedule-change.ts";
import { formatDateTime } from "./time.ts";

type ScheduleData = { startsAt: string; endsAt: string | null; venue: { name: string } | null };
type Notice = { type: string; body: string; data?: unknown };

function isSchedule(value: unknown): value is ScheduleData {
  const v = value as ScheduleData | null;
  return typeof v?.startsAt === "string" && (v.endsAt === null || typeof v.endsAt === "string");
}

const asSchedule = (data: ScheduleData) => ({
  startsAt: new Date(data.startsAt),
  endsAt: data.endsAt ? new Date(data.endsAt) : null,
  venue: data.venue,
});

export function noticeBody(notice: Notice): string {
  const data = notice.data as { before?: unknown; after?: unknown } | null | undefined;
  if (notice.type !== "session_updated" || !isSchedule(data?.before) || !isSchedule(data?.after)) return notice.body;
  const lines = scheduleChangeLines(asSchedule(data.before), asSchedule(data.after), formatDateTime);
  return lines.length > 0 ? lines.join(" ") : notice.body;
}
