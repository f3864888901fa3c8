// Every environment variable Quorum reads, parsed once at start by one zod schema.
import { Cron } from "croner";
import { z } from "zod";
import { providerOf } from "./db/provider.ts";

const isLoopback = (host: string) => ["127.0.0.1", "::1", "localhost"].includes(host);

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
    /** Development only: API errors carry their stack traces (never by default, never in production). */
    ERROR_STACKS: z.stringbool().default(false),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    /** Where people reach this server, for links and QR codes (default http://localhost:PORT). */
    PUBLIC_URL: z.url().optional(),
    /** A SQLite file (the default) or a PostgreSQL server: file:./data/quorum.db or postgresql://user@host/db. */
    DATABASE_URL: z
      .string()
      .regex(
        /^(file:|postgres(ql)?:\/\/)/,
        "DATABASE_URL must be a SQLite file URL such as file:./data/quorum.db or a PostgreSQL URL such as postgresql://quorum@localhost/quorum",
      )
      .default("file:./data/quorum.db"),
    /**
     * PostgreSQL only: a direct connection (not through PgBouncer in transaction mode)
     * for LISTEN, which live events across processes need. Default: DATABASE_URL.
     */
    DATABASE_DIRECT_URL: z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        "DATABASE_DIRECT_URL must be a PostgreSQL URL such as postgresql://quorum@db/quorum",
      )
      .optional(),
    /**
     * Extra origins (scheme, host and port) allowed to send cookie-authenticated
     * mutations; the request's own origin and PUBLIC_URL's always are.
     */
    ALLOWED_ORIGINS: commaList.pipe(
      z.array(
        z
          .url({ message: "ALLOWED_ORIGINS: give each origin in full, such as https://quorum.example.org" })
          .transform((url) => new URL(url).origin),
      ),
    ),
    /** How far ahead a series' occurrences exist; the series job keeps the window filled. */
    SERIES_HORIZON_DAYS: z.coerce.number().int().min(7).max(366).default(56),
    SERIES_CRON: cronPattern("7 * * * *"),
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
    /** An auth session unused this long ends (each use extends it). */
    AUTH_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** However much it is used, an auth session ends this long after sign-in. */
    AUTH_SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** Live streams one user may hold open in one server process (a tab holds two or three). */
    STREAMS_PER_USER: z.coerce.number().int().min(1).max(100_000).default(60),
    /** Live streams one address may hold open in one server process (a club or school shares one). */
    STREAMS_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
    /** The largest request body accepted (bytes); a larger one is refused with 413 before it is read. */
    MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(100_000_000).default(1_000_000),
    /** Connections one server process accepts at once (each live stream holds one). */
    MAX_CONNECTIONS: z.coerce.number().int().min(10).max(1_000_000).default(20_000),
    /** How often a live stream checks that its caller may still watch it (sign-outs and removals end streams at once). */
    STREAM_RECHECK_S: z.coerce.number().int().min(1).max(86_400).default(60),
    /** Sign-in attempts per window: one account from one address, one account from anywhere, one address. */
    SIGN_IN_ATTEMPTS_PER_ACCOUNT_IP: z.coerce.number().int().min(1).default(10),
    SIGN_IN_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(100),
    SIGN_IN_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(500),
    SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
    /** New accounts per client address per hour. */
    SIGN_UPS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(20),
    /**
     * How many reverse proxies stand in front (each appends to X-Forwarded-For): the
     * client's address is the one the outermost trusted proxy appended. false (0): none,
     * true: one.
     */
    TRUST_PROXY: z
      .string()
      .default("false")
      .transform((value) => (value === "true" ? 1 : value === "false" ? 0 : Number(value)))
      .pipe(z.number({ message: "TRUST_PROXY must be true, false or a number of proxies." }).int().min(0).max(10)),
    /** Server processes on this machine (node:cluster); the name Heroku, Render and others set. PostgreSQL only. */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    /** Where email goes: smtp://user:pass@host:587 or smtps://…; unset, mail is written to MAIL_DIR instead. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "SMTP_URL must be an SMTP URL such as smtp://user:password@mail.example.org:587")
      .optional(),
    /** The From of every email: an address, or a name and address. */
    MAIL_FROM: z.string().min(3).default("Quorum <quorum@localhost>"),
    /** Without SMTP_URL, each email is written here as an .eml file (the development mailbox). */
    MAIL_DIR: z.string().default("./data/mail"),
    /** How often queued emails and Discord posts are sent (croner pattern; seconds allowed). */
    OUTGOING_CRON: cronPattern("*/5 * * * * *"),
    /** When session reminders and last calls are looked for (croner pattern; seconds allowed). */
    REMINDER_CRON: cronPattern("* * * * *"),
    /** A session still short of players this long before its under-fill deadline gets a last call (0: none). */
    LAST_CALL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(1_440),
    /** The hosts a Discord webhook URL may name (https only); tests add a local one. */
    DISCORD_WEBHOOK_HOSTS: commaList.transform((hosts) =>
      hosts.length > 0 ? hosts : ["discord.com", "discordapp.com"],
    ),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Prometheus metrics on their own listener, off unless set (e.g. 9464). */
    METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** Where the metrics listener binds: loopback unless you say otherwise. */
    METRICS_HOST: z.string().default("127.0.0.1"),
    /** Bearer token the metrics listener asks for; required when it binds beyond loopback. */
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters.").optional(),
  })
  .refine((config) => config.WEB_CONCURRENCY === 1 || providerOf(config.DATABASE_URL) === "postgresql", {
    path: ["WEB_CONCURRENCY"],
    message:
      "Several server processes need PostgreSQL (a SQLite file serves one process): set DATABASE_URL=postgresql://… or WEB_CONCURRENCY=1.",
  })
  .refine((config) => !config.METRICS_PORT || isLoopback(config.METRICS_HOST) || config.METRICS_TOKEN, {
    path: ["METRICS_TOKEN"],
    message:
      "Metrics served beyond this machine (METRICS_HOST) need a METRICS_TOKEN, so they are never public by accident.",
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
