// Load from a process of its own: autocannon's command line, read back as JSON. Run
// inside the bench's process, its latencies counted the bench's own pauses (a heap
// grown by earlier sections): one-second outliers the server never caused.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import type autocannon from "autocannon";

const cli = createRequire(import.meta.url).resolve("autocannon/autocannon.js");
const run = promisify(execFile);

export type Load = { url: string; connections: number; duration: number; headers?: Record<string, string> };

export async function load({ url, connections, duration, headers = {} }: Load): Promise<autocannon.Result> {
  const flags = Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  const { stdout } = await run(
    process.execPath,
    [cli, "--json", "-c", String(connections), "-d", String(duration), ...flags, url],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as autocannon.Result;
}
