// A notification's text as the reader should see it: a moved session's times in the
// reader's own zone (from its data), else the text the server wrote.
import { formatDateTime } from "./time.ts";

type Schedule = { startsAt: string; endsAt: string | null; venue: { name: string } | null };
type Notice = { type: string; body: string; data?: unknown };

function isSchedule(value: unknown): value is Schedule {
  const v = value as Schedule | null;
  return typeof v?.startsAt === "string" && (v.endsAt === null || typeof v.endsAt === "string");
}

export function noticeBody(notice: Notice): string {
  const data = notice.data as { before?: unknown; after?: unknown } | null | undefined;
  if (notice.type !== "session_updated" || !isSchedule(data?.before) || !isSchedule(data?.after)) return notice.body;
  const { before, after } = data as { before: Schedule; after: Schedule };
  const at = (iso: string) => formatDateTime(new Date(iso));
  const lines: string[] = [];
  if (before.startsAt !== after.startsAt) lines.push(`Starts: ${at(after.startsAt)} (was ${at(before.startsAt)}).`);
  if (before.endsAt !== after.endsAt) {
    lines.push(
      after.endsAt
        ? `Ends: ${at(after.endsAt)}${before.endsAt ? ` (was ${at(before.endsAt)})` : ""}.`
        : "No set end any more.",
    );
  }
  if ((before.venue?.name ?? null) !== (after.venue?.name ?? null)) {
    lines.push(`Venue: ${after.venue?.name ?? "none yet"} (was ${before.venue?.name ?? "none"}).`);
  }
  return lines.length > 0 ? lines.join(" ") : notice.body;
}
