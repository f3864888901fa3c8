// Writes an iCalendar file of your upcoming sessions, or prints a secret feed URL
// that calendar apps can subscribe to.
//   npx tsx scripts/ical.ts [--out quorum.ics]
//   npx tsx scripts/ical.ts --feed-url      (a new URL; the previous one stops working)
import { writeFileSync } from "node:fs";
import { command, run } from "./cli.ts";
import { createQuorumClient } from "./client.ts";

const program = command("ical", "Export your upcoming sessions as an iCalendar file.")
  .option("--out <file>", "where to write the .ics file", "quorum.ics")
  .option("--feed-url", "instead, create a subscription URL for calendar apps");

await run(program, async () => {
  const opts = program.opts<{ url?: string; token?: string; out: string; feedUrl?: boolean }>();
  const client = createQuorumClient({ url: opts.url, token: opts.token });
  if (opts.feedUrl) {
    const { url } = await client.calendar.rotateFeedUrl.mutate();
    console.log(`Subscribe your calendar app to:\n${url}\n(Keep it secret; running this again replaces it.)`);
    return;
  }
  const ics = await client.calendar.mine.query();
  writeFileSync(opts.out, ics);
  const events = ics.match(/^BEGIN:VEVENT/gm)?.length ?? 0;
  console.log(`Wrote ${events} session${events === 1 ? "" : "s"} to ${opts.out}.`);
});
