// Load from a process of its own: autocannon's command line, read back as JSON. Run
// inside the bench's process, its latencies counted the bench's own pauses (a heap
// grown by earlier sections): one-second outliers the server never caused.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import type autocannon from "autocannon";

const cli = createRequire(import.meta.url).resolve("autocannon/autocannon.js");
const run = promisify(execFile);

type Load = { url: string; connections: number; duration: number; headers?: Record<string, string> };

/** Two seconds to warm up (every worker of a fleet too), then `seconds` measured: the figures the bench prints. */
export async function measure(target: Omit<Load, "duration">, seconds: number) {
  await load({ ...target, duration: 2 });
  const r = await load({ ...target, duration: seconds });
  return {
    rps: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors + r.non2xx,
  };
}

async function load({ url, connections, duration, headers = {} }: Load): Promise<autocannon.Result> {
  const flags = Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  const { stdout } = await run(
    process.execPath,
    [cli, "--json", "-c", String(connections), "-d", String(duration), ...flags, url],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as autocannon.Result;
}
