// Child processes for tests and the bench: a free port, a TypeScript entry point
// started under tsx, stopping it, and waiting for a condition.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Runs a TypeScript file of this repo in its own Node process; stdout is piped, stderr shown. */
export function startTs(file: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", file], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

/** Resolves once the process prints `text`; fails if it exits first. */
export function printed(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes(text) && resolve());
    child.once("exit", (code, signal) =>
      reject(new Error(`process exited (${code ?? signal}) before printing "${text}"`)),
    );
  });
}

/** SIGTERM and wait; nothing to do if it already exited (by code or by signal). */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` (which may ask the database) holds, polling every `everyMs`; fails after `ms`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 60_000,
  everyMs = 5,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await pause(everyMs);
  }
}

/** Resolves with the first value `predicate` accepts, or fails after `ms`. */
export function waitFor<T>(values: T[], predicate: (value: T) => boolean, ms = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = setInterval(() => {
      const found = values.find(predicate);
      if (found !== undefined) {
        clearInterval(check);
        resolve(found);
      } else if (Date.now() - started > ms) {
        clearInterval(check);
        reject(new Error(`nothing matched within ${ms} ms; got ${JSON.stringify(values)}`));
      }
    }, 20);
  });
}
