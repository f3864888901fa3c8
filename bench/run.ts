// npm run bench [-- --full]
// Prints a markdown table per benchmark and writes bench/results.json. The default
// run stays quick; --full adds the large sizes.
import { writeFileSync } from "node:fs";
import { benchPresenceFanout } from "./presence-fanout.ts";
import { benchUnderFill } from "./under-fill.ts";

const full = process.argv.includes("--full");
const machine = { node: process.version, cpus: (await import("node:os")).cpus().length };

const underFillSizes = full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
console.log(`# Quorum bench (${full ? "full" : "quick"}; node ${machine.node}, ${machine.cpus} cores)\n`);

const underFill = await benchUnderFill(underFillSizes);
console.log("## Under-fill sweep (100 due sessions each time)\n");
console.log("| sessions in database | due | cancelled | sweep ms (median) | sweep ms (max) |");
console.log("| ---: | ---: | ---: | ---: | ---: |");
for (const r of underFill) {
  console.log(
    `| ${r.sessions.toLocaleString("en")} | ${r.due} | ${r.cancelled} | ${r.sweepMsMedian} | ${r.sweepMsMax} |`,
  );
}

const presenceFanout = await benchPresenceFanout(1_000, [1_000, 5_000]);
console.log("\n## Presence fan-out over HTTP (SSE)\n");
console.log(
  "| subscribers | changes | p50 ms | p99 ms | max ms | server RSS idle | at 1,000 streams | at 5,000 streams |",
);
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
{
  const r = presenceFanout;
  console.log(
    `| ${r.subscribers} | ${r.rounds} | ${r.p50Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.rssMb.idle} MB | ${r.rssMb.at[1000]} MB | ${r.rssMb.at[5000]} MB |`,
  );
}

const results = { date: new Date().toISOString(), mode: full ? "full" : "quick", machine, underFill, presenceFanout };
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log("\nWrote bench/results.json");
