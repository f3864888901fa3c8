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
});
