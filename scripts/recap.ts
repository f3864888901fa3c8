// The GM posts a session's recap: the summary from a markdown file, key events from
// a text file with one "HH:MM what happened" per line (times on the session's day,
// in --tz or this machine's zone; times before the start fall on the next day).
//   npx tsx scripts/recap.ts <sessionId> --summary recap.md --events events.txt [--tz Europe/Paris]
import { readFileSync } from "node:fs";
import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import { command, run, UsageError } from "./cli.ts";
import { createQuorumClient } from "./client.ts";

export type KeyEventLine = { hours: number; minutes: number; text: string };

/** Reads "HH:MM text" lines (blank lines and # comments skipped), naming the first bad line. */
export function parseKeyEvents(content: string): KeyEventLine[] {
  const events: KeyEventLine[] = [];
  for (const [index, raw] of content.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const match = /^([01]?\d|2[0-3]):([0-5]\d)\s+(.+)$/.exec(line);
    if (!match) throw new UsageError(`events line ${index + 1}: expected "HH:MM what happened", got "${line}"`);
    events.push({ hours: Number(match[1]), minutes: Number(match[2]), text: (match[3] ?? "").trim() });
  }
  return events;
}

/** HH:MM on the day the session started, in `timeZone`; before the start means after midnight. */
export function momentOf(event: KeyEventLine, startedAt: Date, timeZone: string): Date {
  const day = formatInTimeZone(startedAt, timeZone, "yyyy-MM-dd");
  const clock = `${String(event.hours).padStart(2, "0")}:${String(event.minutes).padStart(2, "0")}:00`;
  const moment = fromZonedTime(`${day}T${clock}`, timeZone);
  return moment < startedAt ? new Date(moment.getTime() + 86_400_000) : moment;
}

const program = command("recap", "Post a session's summary and key events (GM).")
  .argument("<sessionId>", "the session")
  .option("--summary <file>", "markdown file with the summary")
  .option("--events <file>", 'text file, one "HH:MM what happened" per line')
  .option("--tz <zone>", "time zone of the times in --events", Intl.DateTimeFormat().resolvedOptions().timeZone);

await run(program, async () => {
  const [sessionId] = program.args as [string];
  const opts = program.opts<{ url?: string; token?: string; summary?: string; events?: string; tz: string }>();
  if (!opts.summary && !opts.events) throw new UsageError("give --summary, --events, or both");
  const read = (file: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      throw new UsageError(`cannot read ${file}`);
    }
  };
  // Read and check everything before sending anything: a bad line changes nothing.
  const summary = opts.summary ? read(opts.summary) : undefined;
  const lines = opts.events ? parseKeyEvents(read(opts.events)) : [];
  try {
    Intl.DateTimeFormat(undefined, { timeZone: opts.tz });
  } catch {
    throw new UsageError(`--tz: unknown time zone "${opts.tz}"`);
  }

  const client = createQuorumClient({ url: opts.url, token: opts.token });
  const record = await client.record.get.query({ sessionId });
  if (!record.startedAt) throw new Error("This session has not started: its record is not open yet.");
  if (summary !== undefined) await client.record.update.mutate({ sessionId, summary });
  for (const line of lines) {
    await client.keyEvent.add.mutate({
      sessionId,
      text: line.text,
      happenedAt: momentOf(line, record.startedAt, opts.tz),
    });
  }
  console.log(
    `Recap posted for "${record.title}": ${summary !== undefined ? "summary, " : ""}${lines.length} key event${lines.length === 1 ? "" : "s"}.`,
  );
});
