// Every environment variable Quorum reads, parsed once at start by one zod schema.
import { Cron } from "croner";
import { z } from "zod";

function isCronPattern(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

/** A croner pattern (seconds allowed), checked at start. */
const cronPattern = (fallback: string) =>
  z.string().default(fallback).refine(isCronPattern, `Expected a cron pattern such as '${fallback}'.`);

const commaList = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  );

export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    /** Where people reach this server, for links and QR codes (default http://localhost:PORT). */
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^file:/, "DATABASE_URL must be a SQLite file URL such as file:./data/quorum.db")
      .default("file:./data/quorum.db"),
    /** Extra origins allowed to send cookie-authenticated mutations (the request's own host always is). */
    ALLOWED_ORIGINS: commaList,
    HOST_SESSION_CAP: z.coerce.number().int().min(1).max(100).default(3),
    /** When the under-fill sweep runs (croner pattern; seconds allowed). */
    CANCEL_CRON: cronPattern("* * * * *"),
    /** A session must have its minimum players this long before it starts. */
    CANCEL_CUTOFF_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
    /** How often a connected client sends a presence heartbeat. */
    PRESENCE_HEARTBEAT_S: z.coerce.number().int().min(1).max(3600).default(15),
    /** Without a heartbeat for this long, a participant is marked offline. */
    PRESENCE_TIMEOUT_S: z.coerce.number().int().min(2).max(86_400).default(45),
    /** When the presence timeout sweep runs (croner pattern; seconds allowed). */
    PRESENCE_CRON: cronPattern("*/5 * * * * *"),
    AUTH_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    SIGN_IN_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
    SIGN_IN_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(50),
    SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
    /** Behind a reverse proxy, trust X-Forwarded-For for the client's IP (rate limits). */
    TRUST_PROXY: z.stringbool().default(false),
  })
  .refine((config) => config.PRESENCE_TIMEOUT_S > config.PRESENCE_HEARTBEAT_S, {
    path: ["PRESENCE_TIMEOUT_S"],
    message: "PRESENCE_TIMEOUT_S must be longer than PRESENCE_HEARTBEAT_S.",
  });

export type Config = z.output<typeof ConfigSchema> & { PUBLIC_URL: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  }
  return {
    ...parsed.data,
    PUBLIC_URL: (parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/$/, ""),
  };
}
