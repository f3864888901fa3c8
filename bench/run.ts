// npm run bench [-- --full]
// Every figure in one run, so they are comparable (ratios survive a noisy machine).
// Prints markdown tables and writes bench/results.json; the format stays stable so
// runs can be compared over time. Quick by default; --full adds the large sizes.

import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { benchClientSize } from "./client-size.ts";
import { benchHttp } from "./http-throughput.ts";
import { benchBareTrpcFanout, benchPresenceFanout } from "./presence-fanout.ts";
import { benchUnderFill } from "./under-fill.ts";

const full = process.argv.includes("--full");
const machine = { node: process.version, cpus: cpus().length };
const out = (line = "") => console.log(line);
const row = (cells: (string | number)[]) => out(`| ${cells.join(" | ")} |`);
const header = (cells: string[]) => {
  row(cells);
  row(cells.map((_, i) => (i === 0 ? "---" : "---:")));
};

out(`# Quorum bench (${full ? "full" : "quick"}; node ${machine.node}, ${machine.cpus} cores)`);

const http = await benchHttp({ sessions: 100_000, seconds: full ? 10 : 4 });
out("\n## session.list, first page of 20 upcoming (100k sessions), over HTTP\n");
header(["connections", "stack", "req/s", "p50 ms", "p99 ms", "errors"]);
for (const r of http.list) row([r.connections, r.stack, r.rps, r.p50Ms, r.p99Ms, r.errors]);
out(
  `\ntRPC throughput as a share of the bare node:http baseline: ${Object.entries(http.trpcShareOfBaseline)
    .map(([c, s]) => `${c} conn ${Math.round(s * 100)}%`)
    .join(", ")} (goal: at least 70%)`,
);
out("\n## Writes and start\n");
header(["figure", "value"]);
row([`participant.join + leave (${http.joinLeave.clients} clients)`, `${http.joinLeave.opsPerSecond} ops/s`]);
row(["cold start to /healthz (100k sessions)", `${http.coldStartMs} ms`]);

const underFill = await benchUnderFill(full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000]);
out("\n## Under-fill sweep (100 due sessions each time)\n");
header(["sessions in database", "due", "cancelled", "sweep ms (median)", "sweep ms (max)"]);
for (const r of underFill) row([r.sessions.toLocaleString("en"), r.due, r.cancelled, r.sweepMsMedian, r.sweepMsMax]);

const presenceFanout = await benchPresenceFanout(1_000, [1_000, 5_000]);
const presenceToTrpcClients = await benchPresenceFanout(1_000, [], { subscriberKind: "trpc" });
const bareFanout = await benchBareTrpcFanout(1_000);
out("\n## Presence fan-out over HTTP (SSE), 1,000 subscribers of one session\n");
out("Time from the start of a change (a player connects or disconnects) to its arrival at each subscriber,");
out(`over ${presenceFanout.rounds} changes after 3 warm-up ones. Goal: p99 under 100 ms.\n`);
header([
  "stream",
  "subscribers",
  "p50 ms",
  "p99 ms",
  "max ms",
  "first to last arrival, p50 / max ms",
  "first change after start, ms",
]);
for (const [stream, r] of [
  ["presence.onChanged (src/sse.ts)", presenceFanout],
  ["presence.onChanged (src/sse.ts)", presenceToTrpcClients],
] as const) {
  const who = r.subscriberKind === "sse" ? "plain SSE readers" : "tRPC clients, all in one process";
  row([stream, who, r.p50Ms, r.p99Ms, r.maxMs, `${r.spreadMs.p50Ms} / ${r.spreadMs.maxMs}`, r.firstChangeMs]);
}
row([
  "bare subscription, tRPC's own HTTP adapter",
  "plain SSE readers",
  bareFanout.p50Ms,
  bareFanout.p99Ms,
  bareFanout.maxMs,
  `${bareFanout.spreadMs.p50Ms} / ${bareFanout.spreadMs.maxMs}`,
  "-",
]);
out("\n## Server memory with open presence streams\n");
header(["idle", "1,000 streams", "5,000 streams"]);
row([`${presenceFanout.rssMb.idle} MB`, `${presenceFanout.rssMb.at[1000]} MB`, `${presenceFanout.rssMb.at[5000]} MB`]);

const client = await benchClientSize();
out("\n## Web client\n");
header(["figure", "value"]);
row(["initial JS (gzip)", `${(client.gzipBytes / 1024).toFixed(1)} KB in ${client.files} file(s)`]);

const results = {
  date: new Date().toISOString(),
  mode: full ? "full" : "quick",
  machine,
  http,
  underFill,
  presenceFanout,
  presenceToTrpcClients,
  bareFanout,
  client,
};
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
out("\nWrote bench/results.json");
