// The client's own logic (no DOM): deadlines in the viewer's zone, which actions a
// viewer gets, and how server refusals map onto form fields.
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { actionError, fieldError } from "./errors.ts";
import { noticeBody } from "./notice-text.ts";
import { sessionActions } from "./session-actions.ts";
import {
  formatDateTime,
  formatDeadline,
  formatOnDay,
  fromLocalInput,
  playedLine,
  playersNeededLine,
  startIsEarly,
  toLocalInput,
  viewerZone,
  zoneHint,
} from "./time.ts";

// vitest runs with TZ=Asia/Kathmandu (UTC+05:45): local times below are in that zone.
describe("time", () => {
  const now = new Date("2026-03-14T06:00:00Z"); // 11:45 in Kathmandu
  it("says how many players a scheduled session still needs, and by when, in the viewer's zone", () => {
    const deadline = new Date("2026-03-14T13:15:00Z"); // 19:00 local, the same day
    expect(playersNeededLine({ status: "scheduled", playersNeeded: 2, cancelDeadline: deadline }, now)).toBe(
      `Needs 2 more players by ${formatDeadline(deadline, now)}, or it is cancelled.`,
    );
    expect(formatDeadline(deadline, now)).toMatch(/19[:.]00|0?7[:.]00\s?PM/i); // 24- or 12-hour, by locale
    expect(playersNeededLine({ status: "scheduled", playersNeeded: 1, cancelDeadline: deadline }, now)).toContain(
      "1 more player by",
    );
    expect(playersNeededLine({ status: "scheduled", playersNeeded: 0, cancelDeadline: deadline }, now)).toBeNull();
    expect(playersNeededLine({ status: "active", playersNeeded: 2, cancelDeadline: deadline }, now)).toBeNull();
    expect(playersNeededLine({ status: "scheduled", playersNeeded: 2, cancelDeadline: now }, now)).toContain(
      "any moment",
    );
  });

  it("names the weekday when the deadline is not today", () => {
    const tomorrow = new Date("2026-03-15T13:15:00Z");
    expect(formatDeadline(tomorrow, now)).toMatch(/Sun/);
  });

  it("round-trips datetime-local values in the viewer's zone", () => {
    const instant = new Date("2026-03-14T13:15:00Z");
    expect(toLocalInput(instant)).toBe("2026-03-14T19:00");
    expect(fromLocalInput("2026-03-14T19:00")?.toISOString()).toBe("2026-03-14T13:15:00.000Z");
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("not a date")).toBeNull();
  });
});

describe("session actions", () => {
  const scheduled = { status: "scheduled" as const, allowLateJoin: false, startedAt: null };
  const active = { status: "active" as const, allowLateJoin: false, startedAt: new Date() };
  it("offers join to outsiders of an open session, late only when allowed", () => {
    expect(sessionActions(scheduled, null, false).join).toBe(true);
    expect(sessionActions(active, null, false).join).toBe(false);
    expect(sessionActions({ ...active, allowLateJoin: true }, null, false).join).toBe(true);
    expect(sessionActions(scheduled, { role: "player", status: "left" }, false).join).toBe(true);
    // Removed by the GM: only the GM can bring them back.
    expect(sessionActions(scheduled, { role: "player", status: "left", removedAt: new Date() }, false).join).toBe(
      false,
    );
  });
  it("offers leave to players and waitlisted players, never to the GM", () => {
    expect(sessionActions(scheduled, { role: "player", status: "waitlisted" }, false).leave).toBe(true);
    expect(sessionActions(scheduled, { role: "master", status: "joined" }, true).leave).toBe(false);
  });
  it("gives the GM the status controls the status machine allows", () => {
    const gm = { role: "master" as const, status: "joined" as const };
    expect(sessionActions(scheduled, gm, true)).toMatchObject({
      start: true,
      pause: false,
      end: false,
      cancel: true,
      writeRecord: false,
    });
    expect(sessionActions(active, gm, true)).toMatchObject({ start: false, pause: true, end: true, writeRecord: true });
    expect(sessionActions({ ...active, status: "completed" }, gm, true)).toMatchObject({
      cancel: false,
      edit: false,
      writeRecord: true,
    });
    expect(sessionActions(active, { role: "player", status: "joined" }, false)).toMatchObject({
      start: false,
      cancel: false,
      sitAtTable: true,
    });
  });
});

describe("errors", () => {
  const refusal = (message: string, data: object) => Object.assign(new TRPCClientError(message), { data });
  it("puts zod's field errors next to their fields and keeps the rest for the action", () => {
    const error = refusal("title: Give the session a title.", {
      code: "BAD_REQUEST",
      fieldErrors: { title: ["Give the session a title."] },
    });
    expect(fieldError(error, "title")).toBe("Give the session a title.");
    expect(actionError(error, ["title"])).toBeNull();
    expect(actionError(error, [])).toBe("title: Give the session a title.");
  });
  it("shows a rule's refusal of one field beside it, once: not again under the form", () => {
    const error = refusal("Starts: the session must start in the future.", {
      code: "BAD_REQUEST",
      fieldErrors: { startsAt: ["The session must start in the future."] },
    });
    expect(fieldError(error, "startsAt")).toBe("The session must start in the future.");
    expect(fieldError(error, "title")).toBeUndefined();
    expect(actionError(error, ["title", "startsAt"])).toBeNull();
    expect(actionError(error, ["title"])).toBe("Starts: the session must start in the future.");
  });
  it("shows other refusals as they are", () => {
    expect(actionError(refusal("This session is full.", { code: "CONFLICT" }))).toBe("This session is full.");
    expect(actionError(null)).toBeNull();
  });
});

describe("notice text", () => {
  it("shows a moved session's times in the reader's zone, from the notice's data", () => {
    const data = {
      before: { startsAt: "2026-12-01T18:00:00.000Z", endsAt: null, venue: null },
      after: { startsAt: "2026-12-02T19:30:00.000Z", endsAt: null, venue: { id: "v", name: "The Dice Tower" } },
    };
    expect(noticeBody({ type: "session_updated", body: "in UTC", data })).toBe(
      `Starts: ${formatDateTime(new Date(data.after.startsAt))} (was ${formatDateTime(new Date(data.before.startsAt))}). Venue: The Dice Tower (was none).`,
    );
    expect(noticeBody({ type: "session_updated", body: "", data })).toMatch(/^Starts: Thu.*3.*01:15/); // in Kathmandu
    // Anything else, or data it cannot read, shows the server's text.
    expect(noticeBody({ type: "session_updated", body: "in UTC", data: { before: 1 } })).toBe("in UTC");
    expect(noticeBody({ type: "participant_added", body: "Welcome", data: null })).toBe("Welcome");
  });
});

describe("when a session really ran", () => {
  it("says when play began and ended and for how long; a key event's time carries its date off that day", () => {
    const startedAt = new Date("2026-03-14T12:15:00Z"); // 18:00 in Kathmandu
    const endedAt = new Date("2026-03-14T15:30:00Z"); // 21:15
    expect(playedLine({ startedAt: null, endedAt: null, durationMinutes: null })).toBeNull();
    expect(playedLine({ startedAt, endedAt: null, durationMinutes: null })).toBe(
      `Started ${formatDateTime(startedAt)}.`,
    );
    expect(playedLine({ startedAt, endedAt, durationMinutes: 180 })).toBe(
      `Played ${formatDateTime(startedAt)} to ${formatOnDay(endedAt, startedAt)} (3 h 0 min).`,
    );
    expect(formatOnDay(endedAt, startedAt)).toMatch(/^\d\d:\d\d/); // same day: the time alone
    const nextDay = new Date("2026-03-15T12:00:00Z");
    expect(formatOnDay(nextDay, startedAt)).toBe(formatDateTime(nextDay));
    expect(startIsEarly(new Date(startedAt.getTime() + 2 * 3_600_000), startedAt)).toBe(true);
    expect(startIsEarly(new Date(startedAt.getTime() + 30 * 60_000), startedAt)).toBe(false);
  });
});

describe("time zone labels", () => {
  it("names the viewer's zone and its offset", () => {
    // (ICU still calls it by its old spelling, Katmandu.)
    expect(viewerZone(new Date("2026-03-14T06:00:00Z"))).toMatch(/^Asia\/Kath?mandu \(GMT\+5:45\)$/);
    expect(zoneHint()).toMatch(/^In your time zone, Asia\/Kath?mandu \(GMT\+5:45\)\.$/);
  });
});
