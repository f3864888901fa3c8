// Structured logs (pino): one JSON line per event, with a level, on stdout, where a
// process manager or log shipper collects them from every process.
import { pino } from "pino";
import type { Config } from "./config.ts";

export type Logger = pino.Logger;

export function createLogger(
  config: Pick<Config, "LOG_LEVEL"> & Partial<Pick<Config, "NODE_ENV">>,
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level: config.LOG_LEVEL,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  // Someone reading a terminal in development gets readable lines; anything else, JSON.
  if (!destination && config.NODE_ENV === "development" && process.stdout.isTTY) {
    options.transport = { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" } };
  }
  return pino(options, destination);
}
