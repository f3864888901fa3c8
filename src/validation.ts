// Refusals of bad input, in sentences about the input: zod's messages for every
// schema (unless the schema says its own), each field named as the forms label it,
// and a way for rules to refuse one field the same way.
import { TRPCError } from "@trpc/server";
import { type core, ZodError, z } from "zod";
import { plural } from "./plural.ts";

/** The names people see on the forms, by input field. */
const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  description: "Description",
  startsAt: "Starts",
  endsAt: "Ends",
  minPlayers: "Minimum players",
  maxPlayers: "Maximum players",
  allowLateJoin: "Late joiners",
  venueId: "Venue",
  campaignId: "Campaign",
  scenarioId: "Scenario",
  characterId: "Character",
  sessionId: "Session",
  happenedAt: "When",
  text: "What happened",
  summary: "Summary",
  gmNotes: "GM notes",
  name: "Name",
  address: "Address",
  onlineUrl: "Online link",
  gameSystem: "Game system",
  displayName: "Your name",
  email: "Email",
  password: "Password",
  query: "Search",
  limit: "How many",
  cursor: "Page",
  reason: "Reason",
  code: "Code",
  role: "Role",
  expiresInDays: "Expires in",
  notificationIds: "Notifications",
  tokenId: "Token",
  token: "Link",
  repeat: "Repeats",
  frequency: "Repeats",
  interval: "Every",
  until: "Until",
  count: "How many times",
  timeZone: "Time zone",
  seatMembers: "Seat the members",
  returnTo: "Return to",
  keyEventId: "Key event",
  userId: "Person",
  inviteCode: "Invite code",
  status: "Status",
  from: "From",
  to: "To",
  characterDevelopments: "Character developments",
  options: "Dates",
  durationMinutes: "Length",
  answers: "Answers",
  optionId: "Date",
  choice: "Answer",
  pollId: "Poll",
};

/** "minPlayers" -> "Minimum players"; a nested path names its last field ("characterDevelopments.0.text" -> "What happened"). */
export function labelOf(path: readonly PropertyKey[]): string {
  const field = [...path].reverse().find((part) => typeof part === "string");
  if (field === undefined) return "The input";
  const known = FIELD_LABELS[field];
  if (known) return known;
  const words = field.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const lowerFirst = (sentence: string) =>
  /^[A-Z][a-z]/.test(sentence) ? sentence.charAt(0).toLowerCase() + sentence.slice(1) : sentence;

/** One issue as a sentence led by its field's label: "Minimum players: enter a whole number from 1 to 100." */
function describeIssue(issue: core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((key) => `"${[...issue.path, key].join(".")}"`).join(", ");
    return `${issue.keys.length === 1 ? "Unknown field" : "Unknown fields"} ${keys}: check the spelling.`;
  }
  return `${labelOf(issue.path)}: ${lowerFirst(issue.message)}`;
}

export function describeZodError(error: ZodError): string {
  return error.issues.map(describeIssue).join(" ");
}

/** zod's messages, for issues a schema gives none of its own. */
function sentenceFor(issue: core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return "Fill this in.";
      if (issue.expected === "number" || issue.expected === "int") return "Enter a number.";
      if (issue.expected === "date") return "Enter a date and time.";
      if (issue.expected === "boolean") return "Choose yes or no.";
      if (issue.expected === "string") return "Enter text.";
      if (issue.expected === "array") return "Give a list.";
      return "This is not the kind of value expected here.";
    case "too_small":
      if (issue.origin === "string") {
        return Number(issue.minimum) <= 1 ? "Fill this in." : `Use at least ${plural(issue.minimum, "character")}.`;
      }
      if (issue.origin === "number" || issue.origin === "int") return `Enter ${issue.minimum} or more.`;
      if (issue.origin === "array") return `Give at least ${issue.minimum}.`;
      if (issue.origin === "date") return "That date is too far in the past.";
      return undefined;
    case "too_big":
      if (issue.origin === "string") return `Use at most ${plural(issue.maximum, "character")}.`;
      if (issue.origin === "number" || issue.origin === "int") return `Enter ${issue.maximum} or less.`;
      if (issue.origin === "array") return `Give at most ${issue.maximum}.`;
      if (issue.origin === "date") return "That date is too far in the future.";
      return undefined;
    case "invalid_value":
      return `Choose one of: ${issue.values.map(String).join(", ")}.`;
    case "invalid_format":
      if (issue.format === "email") return "Enter a valid email address.";
      if (issue.format === "url") return "Enter a full web address, starting with https://.";
      return "This is not in the expected form.";
    case "not_multiple_of":
      return `Enter a multiple of ${issue.divisor}.`;
    default:
      return undefined;
  }
}

z.config({ customError: sentenceFor });

/** A whole number in a range, refused with the range in a sentence. */
export function wholeNumber(min: number, max: number) {
  const error = `Enter a whole number from ${min} to ${max}.`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** A refusal of one field's value by a rule (not a schema), shown beside that field in forms. */
export class FieldRefusal extends Error {
  constructor(
    readonly field: string,
    readonly sentence: string,
  ) {
    super(sentence);
  }
}

export function refuseField(
  field: string,
  sentence: string,
  code: "BAD_REQUEST" | "FORBIDDEN" | "CONFLICT" = "BAD_REQUEST",
): TRPCError {
  return new TRPCError({
    code,
    message: `${labelOf(field.split("."))}: ${lowerFirst(sentence)}`,
    cause: new FieldRefusal(field, sentence),
  });
}

/** Per-field messages for forms: from the schema's issues, or a rule's refusal of one field. */
export function fieldErrorsOf(cause: unknown): Record<string, string[]> | null {
  if (cause instanceof ZodError) {
    const errors = z.flattenError(cause).fieldErrors as Record<string, string[] | undefined>;
    return Object.fromEntries(Object.entries(errors).filter((entry): entry is [string, string[]] => !!entry[1]));
  }
  if (cause instanceof FieldRefusal) return { [cause.field]: [cause.sentence] };
  return null;
}
