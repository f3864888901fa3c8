// Recurrence rules (RFC 5545, the rrule package) in a time zone. rrule counts in UTC;
// a series counts in its own zone's wall-clock time, so the rule runs on "floating"
// times (the zone's wall clock written as if it were UTC) and each occurrence is then
// placed in the zone: a weekly 19:00 in Europe/Paris stays 19:00 there across a
// daylight-saving change, and its UTC moment moves by an hour instead.
import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import * as rruleModule from "rrule";

// rrule gives Node's ESM loader its UMD build (the names on its default export) and
// bundlers its ES build (the names themselves): take them from whichever this is.
const { Frequency, RRule, Weekday } = ((rruleModule as { default?: typeof rruleModule }).default ??
  rruleModule) as typeof rruleModule;

/** How a series repeats, as the session form and the scripts say it. */
export type Repetition = {
  /** weekly: every `interval` weeks on the first session's weekday; monthly: on its weekday of the month ("first Friday"). */
  frequency: "weekly" | "monthly";
  interval: number;
  /** The last day (in the series' zone) an occurrence may fall on. */
  until?: string | null;
  /** How many occurrences in all. */
  count?: number | null;
};

const FLOATING = "yyyy-MM-dd'T'HH:mm:ss";
/** The zone's wall-clock time at `moment`, as a floating time. */
const floating = (moment: Date, timeZone: string) => new Date(`${formatInTimeZone(moment, timeZone, FLOATING)}Z`);
/** The moment a floating time names in the zone. */
const placed = (wall: Date, timeZone: string) => fromZonedTime(wall.toISOString().slice(0, 19), timeZone);

/** Which of its month's weekdays a date is: 1 to 4, or -1 for a fifth (the last). */
function weekOfMonth(wall: Date): number {
  const nth = Math.ceil(wall.getUTCDate() / 7);
  return nth === 5 ? -1 : nth;
}

/** The RRULE text (no DTSTART: the series keeps its first start and zone beside it). */
export function ruleText(repetition: Repetition, firstStartsAt: Date, timeZone: string): string {
  const wall = floating(firstStartsAt, timeZone);
  const weekday = new Weekday((wall.getUTCDay() + 6) % 7); // rrule's weekdays start on Monday
  const rule = new RRule({
    freq: repetition.frequency === "weekly" ? Frequency.WEEKLY : Frequency.MONTHLY,
    interval: repetition.interval,
    ...(repetition.frequency === "monthly" ? { byweekday: [weekday.nth(weekOfMonth(wall))] } : {}),
    ...(repetition.count ? { count: repetition.count } : {}),
    // The whole last day, in the zone's wall clock.
    ...(repetition.until ? { until: new Date(`${repetition.until}T23:59:59Z`) } : {}),
  });
  return rule.toString().replace(/^RRULE:/, "");
}

export type SeriesRule = { rule: string; timeZone: string; firstStartsAt: Date };

/** The rule's occurrences after `after` up to and including `until`, as moments. */
export function occurrencesBetween(series: SeriesRule, after: Date, until: Date): Date[] {
  // Floating bounds, a day wider on each side (a zone is at most 14 hours from UTC);
  // the exact bounds are applied to the placed moments.
  const walls = ruleOf(series).between(new Date(after.getTime() - DAY), new Date(until.getTime() + DAY), true);
  return walls.map((wall) => placed(wall, series.timeZone)).filter((moment) => moment > after && moment <= until);
}

/** The rule's first occurrence after `after`, or null when it has no more. */
export function nextOccurrence(series: SeriesRule, after: Date): Date | null {
  const rule = ruleOf(series);
  for (let wall = rule.after(new Date(after.getTime() - DAY), true); wall; wall = rule.after(wall)) {
    const moment = placed(wall, series.timeZone);
    if (moment > after) return moment;
  }
  return null;
}

const DAY = 86_400_000;
const ruleOf = (series: SeriesRule) =>
  new RRule({ ...RRule.parseString(series.rule), dtstart: floating(series.firstStartsAt, series.timeZone) });

/** "every 2 weeks on Friday at 19:00", "monthly on the first Friday at 19:00", in the series' zone. */
export function describeRule(series: SeriesRule): string {
  const options = RRule.parseString(series.rule);
  const wall = floating(series.firstStartsAt, series.timeZone);
  const weekday = wall.toLocaleDateString("en-GB", { weekday: "long", timeZone: "UTC" });
  const time = wall.toISOString().slice(11, 16);
  const interval = options.interval ?? 1;
  let text: string;
  if (options.freq === Frequency.WEEKLY) {
    text = interval === 1 ? `every week on ${weekday}` : `every ${interval} weeks on ${weekday}`;
  } else {
    const nth = weekOfMonth(wall);
    const which = nth === -1 ? "last" : ["first", "second", "third", "fourth"][nth - 1];
    text = `${interval === 1 ? "monthly" : `every ${interval} months`} on the ${which} ${weekday}`;
  }
  text += ` at ${time} (${series.timeZone.replaceAll("_", " ")})`;
  if (options.count) text += `, ${options.count} times`;
  if (options.until) text += `, until ${options.until.toISOString().slice(0, 10)}`;
  return text;
}

/** The day (yyyy-MM-dd) a moment falls on in the zone. */
export const wallDate = (moment: Date, timeZone: string) => formatInTimeZone(moment, timeZone, "yyyy-MM-dd");

/** How many minutes the wall clock moves from `from` to `to`, if both fall on the same day in the zone; else null. */
export function shiftWithinDay(from: Date, to: Date, timeZone: string): number | null {
  if (wallDate(from, timeZone) !== wallDate(to, timeZone)) return null;
  return Math.round((floating(to, timeZone).getTime() - floating(from, timeZone).getTime()) / 60_000);
}

/** The moment `minutes` later on the zone's wall clock (the same time of day on another date stays put). */
export const shiftWall = (moment: Date, minutes: number, timeZone: string) =>
  placed(new Date(floating(moment, timeZone).getTime() + minutes * 60_000), timeZone);

/** A repetition before its first date is known: "every 2 weeks, until 2027-06-30". */
export function describeRepetition(repetition: Repetition): string {
  const { frequency, interval } = repetition;
  let text =
    frequency === "weekly"
      ? interval === 1
        ? "every week on the same day"
        : `every ${interval} weeks on the same day`
      : `${interval === 1 ? "monthly" : `every ${interval} months`} on the same weekday (first Friday, say)`;
  if (repetition.count) text += `, ${repetition.count} times`;
  if (repetition.until) text += `, until ${repetition.until}`;
  return text;
}
