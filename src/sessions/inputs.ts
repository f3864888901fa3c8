// Inputs of the game-session procedures; the web client's forms validate with the same schemas.
import { z } from "zod";
import { LIMITS } from "../input-limits.ts";
import { text } from "../text-input.ts";
import { wholeNumber } from "../validation.ts";
import { DEFAULT_REMINDER_MINUTES, MAX_REMINDERS } from "./reminders.ts";

export const Id = text().min(1, { message: "Fill this in." }).max(64);

// Far-off dates are typos, not plans.
const Moment = z
  .date({ message: "Enter a date and time." })
  .min(new Date("2000-01-01T00:00:00Z"), { message: "That date is too far in the past." })
  .max(new Date("2100-01-01T00:00:00Z"), { message: "That date is too far in the future." });

export const GAME_SESSION_STATUSES = ["scheduled", "active", "paused", "completed", "cancelled"] as const;
export const GameSessionStatusInput = z.enum(GAME_SESSION_STATUSES);

export const SESSION_VISIBILITIES = ["public", "unlisted", "campaign"] as const;
export const Visibility = z.enum(SESSION_VISIBILITIES, { message: "Choose public, unlisted or campaign." });
export const EXPERIENCE_LEVELS = ["newcomers", "mixed", "experienced", "veterans"] as const;
export const CONTENT_RATINGS = ["all_ages", "teen", "mature"] as const;

/** A tag as people type it ("One Shot"), kept as it is searched: "one-shot". */
export const Tag = text()
  .trim()
  .min(1, { message: "A tag cannot be empty." })
  .max(LIMITS.tag, { message: `Keep each tag under ${LIMITS.tag + 1} characters.` })
  .transform((tag) => tag.toLowerCase().replace(/\s+/g, "-"))
  .refine((tag) => /^[\p{L}\p{N}][\p{L}\p{N}+#&'-]*$/u.test(tag), {
    message: "Tags hold letters, digits and hyphens, such as one-shot.",
  });
export const Tags = z
  .array(Tag, { message: "Give the tags as a list." })
  .max(LIMITS.tags, { message: `Give at most ${LIMITS.tags} tags.` })
  .transform((tags) => [...new Set(tags)]);

/** A language the table plays in, as a BCP 47 tag ("en", "fr-CA"), kept in its canonical form. */
export const Language = text()
  .trim()
  .max(35)
  .transform((tag, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {}
    ctx.addIssue({ code: "custom", message: "Choose a language from the list, such as en or fr." });
    return z.NEVER;
  });

/** How a game is described to people looking for one; each has a default when left out. */
const GameDescriptionFields = {
  /** Who sees it; left out: the campaign's default for its sessions, else public. */
  visibility: Visibility.optional(),
  /** Left out: the campaign's scenario's system, if any. */
  gameSystem: text().trim().max(LIMITS.gameSystem).nullable().optional(),
  tags: Tags.default([]),
  language: Language.nullable().optional(),
  experienceLevel: z.enum(EXPERIENCE_LEVELS, { message: "Choose an experience level from the list." }).nullish(),
  contentRating: z.enum(CONTENT_RATINGS, { message: "Choose a content rating from the list." }).nullish(),
  contentNotes: text().max(LIMITS.contentNotes).default(""),
  /** Left out: online when the venue has a link and no address. */
  online: z.boolean().optional(),
};

export const SessionFields = z.strictObject({
  title: text().trim().min(1, { message: "Give the session a title." }).max(LIMITS.sessionTitle),
  description: text().max(LIMITS.sessionDescription).default(""),
  venueId: Id.nullable().optional(),
  startsAt: Moment,
  endsAt: Moment.nullable().optional(),
  minPlayers: wholeNumber(LIMITS.players.min, LIMITS.players.max).default(2),
  maxPlayers: wholeNumber(LIMITS.players.min, LIMITS.players.max).default(6),
  allowLateJoin: z.boolean().default(false),
  voiceChannelId: text().trim().max(200).nullable().optional(),
  /** Reminders, in minutes before the start (5 minutes to 14 days); at most 5. */
  reminderMinutes: z
    .array(wholeNumber(5, 20_160), { message: "Give reminder times as minutes before the start." })
    .max(MAX_REMINDERS, { message: `Set at most ${MAX_REMINDERS} reminders.` })
    .refine((minutes) => new Set(minutes).size === minutes.length, { message: "Each reminder time once, please." })
    .default(DEFAULT_REMINDER_MINUTES),
  /** A Discord webhook (the channel's Integrations settings): new sessions, last calls, cancellations and reminders go there. */
  discordWebhookUrl: text().trim().max(500).nullable().optional(),
  ...GameDescriptionFields,
});

export function checkTimesAndSeats(
  value: { startsAt?: Date; endsAt?: Date | null; minPlayers?: number; maxPlayers?: number },
  ctx: z.RefinementCtx,
) {
  if (value.startsAt && value.endsAt && value.endsAt <= value.startsAt) {
    ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end must come after the start." });
  }
  if (value.minPlayers !== undefined && value.maxPlayers !== undefined && value.minPlayers > value.maxPlayers) {
    ctx.addIssue({ code: "custom", path: ["minPlayers"], message: "The minimum cannot be more than the maximum." });
  }
}

export const SessionCreateInput = SessionFields.extend({ campaignId: Id.nullable().optional() }).superRefine(
  checkTimesAndSeats,
);

export const SessionUpdateInput = SessionFields.partial()
  .extend({
    sessionId: Id,
    // Without these, .partial() would still fill in the defaults and overwrite.
    description: text().max(LIMITS.sessionDescription).optional(),
    minPlayers: wholeNumber(LIMITS.players.min, LIMITS.players.max).optional(),
    maxPlayers: wholeNumber(LIMITS.players.min, LIMITS.players.max).optional(),
    allowLateJoin: z.boolean().optional(),
    reminderMinutes: SessionFields.shape.reminderMinutes.removeDefault().optional(),
    tags: Tags.optional(),
    contentNotes: text().max(LIMITS.contentNotes).optional(),
  })
  .superRefine(checkTimesAndSeats);

export const SessionIdInput = z.strictObject({ sessionId: Id });

/** tRPC fills lastEventId when an SSE client reconnects. */
export const SessionStreamInput = z.strictObject({ sessionId: Id, lastEventId: text().max(100).nullish() });

export const SessionCancelInput = z.strictObject({
  sessionId: Id,
  reason: text().trim().min(1).max(LIMITS.cancelReason).optional(),
});

export const JoinCodeInput = z.strictObject({
  code: text()
    .trim()
    .min(1, { message: "Enter a join code." })
    .max(32)
    .transform((code) => code.toUpperCase()),
});

export const SessionListInput = z.strictObject({
  campaignId: Id.optional(),
  venueId: Id.optional(),
  from: Moment.optional(),
  to: Moment.optional(),
  status: z.array(GameSessionStatusInput).min(1).max(5).optional(),
  openSeats: z.boolean().optional(),
  mine: z.boolean().optional(),
  limit: wholeNumber(1, 100).default(20),
  /** The nextCursor of the previous page. */
  cursor: text().max(100).nullish(),
});

/** Past sessions, newest first: a campaign's, or without a campaign the caller's own. */
export const SessionHistoryInput = z.strictObject({
  campaignId: Id.optional(),
  limit: wholeNumber(1, 50).default(10),
  cursor: text().max(100).nullish(),
});

/** Finding a public game: words, filters, pages. */
export const SessionSearchInput = z.strictObject({
  /** Words looked for in the title, game system, tags and description. */
  q: text().trim().max(200).optional(),
  gameSystem: text().trim().min(1).max(LIMITS.gameSystem).optional(),
  tag: Tag.optional(),
  /** "en" finds tables in en, en-GB, en-US... */
  language: Language.optional(),
  experienceLevel: z.enum(EXPERIENCE_LEVELS, { message: "Choose an experience level from the list." }).optional(),
  online: z.boolean().optional(),
  from: Moment.optional(),
  to: Moment.optional(),
  openSeats: z.boolean().optional(),
  limit: wholeNumber(1, 50).default(20),
  /** The nextCursor of the previous page. */
  cursor: text().max(100).nullish(),
});
