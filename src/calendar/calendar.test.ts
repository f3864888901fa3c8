import ICAL from "ical.js";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";
import { calendarForFeedPath } from "./rules.ts";

const app = await createTestApp();
afterAll(() => app.close());

describe("calendar", () => {
  it("is only for signed-in users, each seeing their own sessions; a rotated feed URL retires the old one", async () => {
    const anon = app.as(null).calendar;
    await expectRefusal(anon.mine(), "UNAUTHORIZED");
    await expectRefusal(anon.rotateFeedUrl(), "UNAUTHORIZED");
    await expectRefusal(anon.revokeFeedUrl(), "UNAUTHORIZED");

    const { id, host } = await app.given.session();
    const stranger = await app.given.user();
    expect(await app.as(host).calendar.mine()).toContain(`UID:${id}@quorum`);
    expect(await app.as(stranger).calendar.mine()).not.toContain(id);

    const first = new URL((await app.as(host).calendar.rotateFeedUrl()).url).pathname;
    const second = new URL((await app.as(host).calendar.rotateFeedUrl()).url).pathname;
    expect(await calendarForFeedPath(app.db, app.config, first, app.clock.now)).toBeNull();
    expect(await calendarForFeedPath(app.db, app.config, second, app.clock.now)).toContain(`UID:${id}@quorum`);
    expect(await calendarForFeedPath(app.db, app.config, "/calendar/../../etc/passwd.ics", app.clock.now)).toBeNull();
  });

  /** The events of an .ics document, by UID, with what a calendar program reads. */
  function events(ics: string) {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    return Object.fromEntries(
      calendar.getAllSubcomponents("vevent").map((vevent) => {
        const uid = String(vevent.getFirstPropertyValue("uid")).replace("@quorum", "");
        const read = (name: string) => vevent.getFirstPropertyValue(name);
        return [
          uid,
          {
            status: read("status"),
            sequence: read("sequence"),
            summary: read("summary"),
            description: String(read("description")),
            start: (read("dtstart") as ICAL.Time).toJSDate(),
            end: (read("dtend") as ICAL.Time).toJSDate(),
            alarms: vevent.getAllSubcomponents("valarm").map((alarm) => String(alarm.getFirstPropertyValue("trigger"))),
          },
        ];
      }),
    );
  }

  it("marks a waitlist place tentative, raises SEQUENCE on every change, says the default length, and reminds", async () => {
    const { id, host } = await app.given.session({ seats: 1, minPlayers: 1, startsInHours: 72 });
    const [seated, waiting] = await app.given.users(2);
    await app.given.join(id, seated!);
    await app.given.join(id, waiting!);

    const forSeated = events(await app.as(seated!).calendar.mine())[id]!;
    const forWaiting = events(await app.as(waiting!).calendar.mine())[id]!;
    expect(forSeated.status).toBe("CONFIRMED");
    expect(forWaiting.status).toBe("TENTATIVE");
    expect(forWaiting.summary).toMatch(/\(waitlist\)$/);
    expect(forWaiting.description).toContain("You are on the waitlist (number 1), not yet in a seat.");
    expect(forSeated.description).toContain("No end time is set: shown as 4 hours.");
    expect(forSeated.end.getTime() - forSeated.start.getTime()).toBe(4 * 3_600_000);
    expect(forSeated.alarms).toEqual(["-P1D", "-PT1H"]); // the day before, and an hour before

    await app
      .as(host)
      .session.update({ sessionId: id, title: "Moved", endsAt: new Date(forSeated.start.getTime() + 2 * 3_600_000) });
    const after = events(await app.as(seated!).calendar.mine())[id]!;
    expect(Number(after.sequence)).toBeGreaterThan(Number(forSeated.sequence));
    expect(after.description).not.toContain("No end time is set");
    expect(after.end.getTime() - after.start.getTime()).toBe(2 * 3_600_000);

    await app.as(host).session.cancel({ sessionId: id });
    const cancelled = events(await app.as(seated!).calendar.mine())[id]!;
    expect(cancelled).toMatchObject({ status: "CANCELLED", alarms: [] });
    expect(Number(cancelled.sequence)).toBeGreaterThan(Number(after.sequence));
  });

  it("gives one session as a file to add by hand, named after it", async () => {
    const { id } = await app.given.session({ startsInHours: 30 });
    const viewer = await app.given.user();
    const file = await app.as(viewer).calendar.session({ sessionId: id });
    expect(file.filename).toBe("The Sunless Citadel.ics");
    expect(Object.keys(events(file.ics))).toEqual([id]);
    await expectRefusal(app.as(viewer).calendar.session({ sessionId: "nope" }), "NOT_FOUND", "No such session.");
    expect(await app.as(viewer).calendar.feedActive()).toBe(false);
    await app.as(viewer).calendar.rotateFeedUrl();
    expect(await app.as(viewer).calendar.feedActive()).toBe(true);
    await app.as(viewer).calendar.revokeFeedUrl();
    expect(await app.as(viewer).calendar.feedActive()).toBe(false);
  });
});
