// npm run bench [-- --full]
// Every figure in one run, so they are comparable (ratios survive a noisy machine).
// Prints markdown tables and writes bench/results.json; the format stays stable so
// runs can be compared over time. Quick by default; --full adds the large sizes.

import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { benchClientSize } from "./client-size.ts";
import { benchFirstScreen } from "./first-screen.ts";
import { benchBusDelay, benchFleetList } from "./fleet.ts";
import { benchHttp, shareOfBaseline } from "./http-throughput.ts";
import { benchJobs, benchOutgoing } from "./jobs.ts";
import { benchBareTrpcFanout, benchPresenceFanout } from "./presence-fanout.ts";
import { benchSearch } from "./search.ts";
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
out("\n## Procedures over HTTP against the raw-driver baseline (100k sessions)\n");
out("The baseline (bench/servers/raw-baseline.ts) is a bare node:http server running the same work with the");
out("driver's prepared statements and answering the same JSON. Goals: session.list at least 1,000 req/s on");
out("SQLite with 16 connections, p99 under 100 ms at 64, and at least 50% of the baseline.\n");
header([
  "database",
  "procedure",
  "connections",
  "baseline req/s",
  "app req/s",
  "app share",
  "app p50 ms",
  "app p99 ms",
  "errors",
]);
for (const f of http.figures.filter((f) => f.stack === "app")) {
  const baseline = http.figures.find(
    (b) =>
      b.stack === "baseline" &&
      b.database === f.database &&
      b.procedure === f.procedure &&
      b.connections === f.connections,
  );
  const share = shareOfBaseline(http.figures, f.database, f.procedure, f.connections);
  const latency = f.p99Ms ? [f.p50Ms, f.p99Ms] : ["-", "-"];
  row([
    f.database,
    f.procedure,
    f.connections,
    baseline?.rps ?? "-",
    f.rps,
    `${Math.round(share * 100)}%`,
    ...latency,
    f.errors + (baseline?.errors ?? 0),
  ]);
}
out("\n## Start\n");
header(["figure", "value"]);
row(["cold start to /healthz (100k sessions, SQLite)", `${http.coldStartMs} ms`]);

const underFill = await benchUnderFill(full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000]);
out("\n## Under-fill sweep (100 due sessions each time)\n");
header(["sessions in database", "due", "cancelled", "sweep ms (median)", "sweep ms (max)"]);
for (const r of underFill) row([r.sessions.toLocaleString("en"), r.due, r.cancelled, r.sweepMsMedian, r.sweepMsMax]);

const jobs = await benchJobs(full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000]);
out("\n## Every minute's jobs: under-fill sweep + last calls + reminders (1,000 of each due)\n");
out("One run of the three jobs, writing every notification and queued email. Goal: flat as the database grows.\n");
header(["sessions in database", "cancelled", "last calls", "reminders", "run ms (median)", "run ms (max)"]);
for (const r of jobs) {
  row([r.sessions.toLocaleString("en"), r.cancelled, r.lastCalls, r.reminders, r.runMsMedian, r.runMsMax]);
}
const outgoing = await benchOutgoing(full ? 5_000 : 2_000);
out("\n## Outgoing email to a local SMTP server (smtp-server), SQLite\n");
header(["messages", "seconds", "messages/s"]);
row([outgoing.messages, outgoing.seconds, outgoing.messagesPerSecond]);

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
  ["presence.onChanged (src/http/sse.ts)", presenceFanout],
  ["presence.onChanged (src/http/sse.ts)", presenceToTrpcClients],
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

// The fleet: the same list on SQLite and PostgreSQL (1 and 2 processes), fan-out to
// subscribers spread over two processes, and the LISTEN/NOTIFY bus between processes.
const fleetList = await benchFleetList({ sessions: 100_000, seconds: full ? 10 : 5 });
out(`\n## session.list on each database (100k sessions, ${fleetList[0]?.connections} connections)\n`);
header(["database", "server processes", "req/s", "p50 ms", "p99 ms", "errors"]);
for (const r of fleetList) row([r.database, r.processes, r.rps, r.p50Ms, r.p99Ms, r.errors]);
const pgRps = (processes: number) =>
  fleetList.find((r) => r.database === "postgresql" && r.processes === processes)?.rps ?? 0;
const fleetScaling = Math.round((pgRps(2) / Math.max(1, pgRps(1))) * 100) / 100;
out(`\nPostgreSQL, 2 processes over 1: ${fleetScaling}x (goal: at least 1.6x)`);
const fleetFanout = await benchPresenceFanout(1_000, [], { database: "postgresql", processes: 2 });
out("\n## Presence fan-out across processes: 1,000 SSE subscribers over 2 processes, PostgreSQL\n");
out("Changes go through the first process; half the subscribers read from the second. Goal: p99 under 100 ms.\n");
header(["p50 ms", "p99 ms", "max ms", "first to last arrival, p50 / max ms", "first change after start, ms"]);
row([
  fleetFanout.p50Ms,
  fleetFanout.p99Ms,
  fleetFanout.maxMs,
  `${fleetFanout.spreadMs.p50Ms} / ${fleetFanout.spreadMs.maxMs}`,
  fleetFanout.firstChangeMs,
]);
const busDelay = await benchBusDelay(2_000);
out("\n## Event bus (PostgreSQL LISTEN/NOTIFY), from one process to another\n");
header(["messages", "payload bytes", "delivered per second", "p50 ms", "p99 ms"]);
row([busDelay.messages, busDelay.payloadBytes, busDelay.perSecond, busDelay.p50Ms, busDelay.p99Ms]);

const search = await benchSearch(100_000);
out("\n## Finding a game: session.search at 100k public sessions still to come\n");
out(
  "The search function on each database, 30 rounds per query (odd rounds also fetch page 2). Goal: p95 under 50 ms.\n",
);
header(["database", "query", "matches", "p50 ms", "p95 ms"]);
for (const f of search.figures) row([f.database, f.query, f.matches.toLocaleString("en"), f.p50Ms, f.p95Ms]);

const client = await benchClientSize();
out("\n## Web client\n");
header(["figure", "value"]);
row(["initial JS (gzip)", `${(client.gzipBytes / 1024).toFixed(1)} KB in ${client.files} file(s)`]);

const firstScreen = await benchFirstScreen();
out("\n## First screen on a phone (Chromium, 4x CPU slowdown, Fast 3G; median of 3 cold loads)\n");
out("Goals: LCP under 2.0 s for sign-in and 2.5 s for the sessions list, TBT under 200 ms, JS under 60 KB.\n");
header(["screen", "LCP ms", "TBT ms", "JS on the wire KB", "all on the wire KB", "requests"]);
for (const f of firstScreen) row([f.screen, f.lcpMs, f.tbtMs, f.jsKb, f.kb, f.requests]);

const results = {
  date: new Date().toISOString(),
  mode: full ? "full" : "quick",
  machine,
  http,
  underFill,
  jobs,
  outgoing,
  presenceFanout,
  presenceToTrpcClients,
  bareFanout,
  fleet: { list: fleetList, postgresTwoOverOne: fleetScaling, fanout: fleetFanout, busDelay },
  search,
  client,
  firstScreen,
};
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
out("\nWrote bench/results.json");
