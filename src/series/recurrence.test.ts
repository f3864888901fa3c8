// Series expansion against known outputs, under the suite's TZ=Asia/Kathmandu: the
// process's own zone must change nothing.
import { describe, expect, it } from "vitest";
import { describeRule, occurrencesBetween, ruleText } from "./recurrence.ts";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const expand = (repetition: Parameters<typeof ruleText>[0], first: string, timeZone: string, until: string) => {
  const firstStartsAt = new Date(first);
  const rule = ruleText(repetition, firstStartsAt, timeZone);
  const series = { rule, timeZone, firstStartsAt };
  return {
    rule,
    series,
    moments: iso(occurrencesBetween(series, new Date(firstStartsAt.getTime() - 1), new Date(until))),
  };
};

describe("series expansion", () => {
  it("runs in the suite's zone, which is none of the series' zones", () => {
    expect(process.env.TZ).toBe("Asia/Kathmandu");
    expect(new Date("2027-03-19T18:00:00Z").getTimezoneOffset()).toBe(-345);
  });

  it("keeps 19:00 in Europe/Paris across the change to summer time (2027-03-28) and back (2027-10-31)", () => {
    // Friday 2027-03-19 19:00 CET is 18:00 UTC; from 2 April, 19:00 CEST is 17:00 UTC.
    const spring = expand(
      { frequency: "weekly", interval: 1, count: 3 },
      "2027-03-19T18:00:00Z",
      "Europe/Paris",
      "2027-12-31T00:00:00Z",
    );
    expect(spring.rule).toBe("FREQ=WEEKLY;INTERVAL=1;COUNT=3");
    expect(spring.moments).toEqual([
      "2027-03-19T18:00:00.000Z",
      "2027-03-26T18:00:00.000Z",
      "2027-04-02T17:00:00.000Z",
    ]);
    // On the day of the change itself: Sunday 10:00.
    const sunday = expand(
      { frequency: "weekly", interval: 1, count: 2 },
      "2027-03-21T09:00:00Z",
      "Europe/Paris",
      "2027-12-31T00:00:00Z",
    );
    expect(sunday.moments).toEqual(["2027-03-21T09:00:00.000Z", "2027-03-28T08:00:00.000Z"]);
    const autumn = expand(
      { frequency: "weekly", interval: 1, count: 2 },
      "2027-10-29T17:00:00Z",
      "Europe/Paris",
      "2027-12-31T00:00:00Z",
    );
    expect(autumn.moments).toEqual(["2027-10-29T17:00:00.000Z", "2027-11-05T18:00:00.000Z"]);
  });

  it("keeps 19:00 in America/New_York across its change (2027-03-14), on the right local day", () => {
    // Tuesday 19:00 EST is Wednesday 00:00 UTC; a week later 19:00 EDT is 23:00 UTC, still Tuesday there.
    const weekly = expand(
      { frequency: "weekly", interval: 1, count: 3 },
      "2027-03-10T00:00:00Z",
      "America/New_York",
      "2027-12-31T00:00:00Z",
    );
    expect(weekly.moments).toEqual([
      "2027-03-10T00:00:00.000Z",
      "2027-03-16T23:00:00.000Z",
      "2027-03-23T23:00:00.000Z",
    ]);
    expect(describeRule(weekly.series)).toBe("every week on Tuesday at 19:00 (America/New York), 3 times");
  });

  it("every 2 weeks until a last day (inclusive, in the series' zone)", () => {
    const fortnightly = expand(
      { frequency: "weekly", interval: 2, until: "2027-04-30" },
      "2027-03-05T18:00:00Z",
      "Europe/Paris",
      "2027-12-31T00:00:00Z",
    );
    expect(fortnightly.rule).toBe("FREQ=WEEKLY;INTERVAL=2;UNTIL=20270430T235959Z");
    expect(fortnightly.moments).toEqual([
      "2027-03-05T18:00:00.000Z",
      "2027-03-19T18:00:00.000Z",
      "2027-04-02T17:00:00.000Z",
      "2027-04-16T17:00:00.000Z",
      "2027-04-30T17:00:00.000Z",
    ]);
    expect(describeRule(fortnightly.series)).toBe("every 2 weeks on Friday at 19:00 (Europe/Paris), until 2027-04-30");
  });

  it("monthly by weekday: the first Friday, or the last when the first session is a fifth", () => {
    const first = expand(
      { frequency: "monthly", interval: 1, count: 4 },
      "2027-01-01T18:00:00Z",
      "Europe/Paris",
      "2027-12-31T00:00:00Z",
    );
    expect(first.rule).toBe("FREQ=MONTHLY;INTERVAL=1;BYDAY=+1FR;COUNT=4");
    expect(first.moments).toEqual([
      "2027-01-01T18:00:00.000Z",
      "2027-02-05T18:00:00.000Z",
      "2027-03-05T18:00:00.000Z",
      "2027-04-02T17:00:00.000Z",
    ]);
    expect(describeRule(first.series)).toBe("monthly on the first Friday at 19:00 (Europe/Paris), 4 times");
    // Friday 2027-01-29 is January's fifth and last Friday.
    const last = expand(
      { frequency: "monthly", interval: 1, count: 3 },
      "2027-01-29T18:00:00Z",
      "Europe/Paris",
      "2027-12-31T00:00:00Z",
    );
    expect(last.rule).toBe("FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR;COUNT=3");
    expect(last.moments).toEqual(["2027-01-29T18:00:00.000Z", "2027-02-26T18:00:00.000Z", "2027-03-26T18:00:00.000Z"]);
  });

  it("gives only the occurrences inside the window it is asked for (the rolling horizon)", () => {
    const { series } = expand(
      { frequency: "weekly", interval: 1 },
      "2027-03-19T18:00:00Z",
      "Europe/Paris",
      "2027-03-20T00:00:00Z",
    );
    const window = occurrencesBetween(series, new Date("2027-03-19T18:00:00Z"), new Date("2027-04-09T17:00:00Z"));
    expect(iso(window)).toEqual(["2027-03-26T18:00:00.000Z", "2027-04-02T17:00:00.000Z", "2027-04-09T17:00:00.000Z"]);
  });
});
