// What every script shares: argument parsing (commander), tables, and errors that
// say what went wrong, with exit codes: 0 done, 1 refused or failed, 2 bad usage.
import { TRPCClientError } from "@trpc/client";
import Table from "cli-table3";
import { Command, CommanderError } from "commander";

export function command(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .option("--url <url>", "Quorum server (default: $QUORUM_URL or http://localhost:3000)")
    .option("--token <token>", "personal API token (default: $QUORUM_TOKEN)")
    .exitOverride()
    .showHelpAfterError("(add --help for usage)");
}

export function table(head: string[], rows: (string | number | null | undefined)[][]): string {
  const out = new Table({ head, style: { head: [], border: [] } });
  for (const row of rows) out.push(row.map((cell) => (cell === null || cell === undefined ? "" : String(cell))));
  return out.toString();
}

/** Local date and time, the way the person at the terminal reads it. */
export const when = (date: Date) => date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

export class UsageError extends Error {}

export function int(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`${flag} must be a whole number`);
  return n;
}

export function date(value: string, flag: string): Date {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new UsageError(`${flag}: cannot read "${value}" as a date and time`);
  return parsed;
}

export const localTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The options of a command that can repeat (sessions create, poll create). */
export type RepeatOptions = { every?: string; until?: string; count?: string };
export const EVERY_HELP = "repeat: 1w, 2w … 12w (weeks), or 1m … 12m (months, on the same weekday: first Friday)";

/** --every 2w [--until 2027-06-30 | --count 10] as the router's repetition; none without --every. */
export function repetitionOf(opts: RepeatOptions) {
  if (!opts.every) {
    if (opts.until || opts.count) throw new UsageError("--until and --count go with --every");
    return undefined;
  }
  const period = /^(\d{1,2})([wm])$/.exec(opts.every);
  if (!period) throw new UsageError("--every takes weeks or months, such as 1w, 2w or 1m");
  return {
    frequency: period[2] === "w" ? ("weekly" as const) : ("monthly" as const),
    interval: Number(period[1]),
    until: opts.until,
    count: opts.count ? int(opts.count, "--count") : undefined,
  };
}

/** Runs a script's main, turning every failure into one clear line and an exit code. */
export async function run(program: Command, main: (program: Command) => Promise<void>, argv = process.argv) {
  try {
    program.parse(argv);
    await main(program);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    process.exitCode = error instanceof UsageError ? 2 : 1;
    console.error(`error: ${describe(error)}`);
  }
}

function describe(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: string } | undefined)?.code;
    const cause = error.cause as { cause?: { code?: string } } | undefined;
    if (!code && cause?.cause?.code === "ECONNREFUSED")
      return "cannot reach the Quorum server (is it running? check --url)";
    // Scripts always call with a token: a refusal to say who you are means the token.
    if (code === "UNAUTHORIZED")
      return "the server refused your API token (revoked, expired or mistyped). Create a new one on the Your account page (under your name), then set QUORUM_TOKEN or pass --token.";
    return code ? `${error.message} (${code})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
