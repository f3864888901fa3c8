import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../tests/app.ts";
import { expectRefusal } from "../../tests/errors.ts";

const app = await createTestApp({ PUBLIC_URL: "https://quorum.example/" });
afterAll(() => app.close());

async function campaignWithMember() {
  const gm = await app.given.user({ name: "GM" });
  const [member, outsider] = await app.given.users(2);
  const admin = await app.given.user({ role: "admin" });
  const campaign = await app.as(gm).campaign.create({ title: "Curse of Strahd" });
  await app.as(member!).campaign.joinByCode({ code: campaign.inviteCode! });
  return { gm, member: member!, outsider: outsider!, admin, campaign };
}

describe("campaigns", () => {
  it("invite flow: create, join by code, regenerate (the old code stops working), leave", async () => {
    const gm = await app.given.user();
    const [ada, bob] = await app.given.users(2);
    const created = await app.as(gm).campaign.create({ title: "Saltmarsh", description: "Sea stories" });
    expect(created).toMatchObject({ title: "Saltmarsh", myStanding: "gm", members: [] });
    expect(created.inviteUrl).toBe(`https://quorum.example/campaigns/join/${created.inviteCode}`);

    expect(await app.as(ada!).campaign.joinByCode({ code: created.inviteCode!.toLowerCase() })).toEqual({
      campaignId: created.id,
      role: "player",
    });
    await expectRefusal(app.as(ada!).campaign.joinByCode({ code: created.inviteCode! }), "CONFLICT", "already");
    await expectRefusal(app.as(gm).campaign.joinByCode({ code: created.inviteCode! }), "CONFLICT", "You run");

    const fresh = await app.as(gm).campaign.regenerateInviteCode({ campaignId: created.id });
    expect(fresh.inviteCode).not.toBe(created.inviteCode);
    await expectRefusal(app.as(bob!).campaign.joinByCode({ code: created.inviteCode! }), "NOT_FOUND", "invite code");
    await app.as(bob!).campaign.joinByCode({ code: fresh.inviteCode, role: "observer" });

    const seen = await app.as(ada!).campaign.byId({ campaignId: created.id });
    expect(seen.members.map((m) => [m.user.id, m.role])).toEqual([
      [ada!.id, "player"],
      [bob!.id, "observer"],
    ]);
    expect(seen).toMatchObject({ myStanding: "member", inviteCode: null, inviteUrl: null });

    await app.as(ada!).campaign.leave({ campaignId: created.id });
    await expectRefusal(app.as(ada!).campaign.byId({ campaignId: created.id }), "FORBIDDEN");
    await expectRefusal(app.as(ada!).campaign.leave({ campaignId: created.id }), "CONFLICT", "not in this campaign");
    await expectRefusal(app.as(gm).campaign.leave({ campaignId: created.id }), "CONFLICT", "archive it");
    expect((await app.as(bob!).campaign.listMine()).map((c) => [c.id, c.myRole])).toEqual([[created.id, "member"]]);
  });

  it("lets only the GM or an admin edit, archive, manage members and see the invite code", async () => {
    const { gm, member, outsider, admin, campaign } = await campaignWithMember();
    for (const [who, code] of [
      [null, "UNAUTHORIZED"],
      [member, "FORBIDDEN"],
      [outsider, "FORBIDDEN"],
    ] as const) {
      const as = app.as(who).campaign;
      await expectRefusal(as.update({ campaignId: campaign.id, title: "Mine" }), code);
      await expectRefusal(as.archive({ campaignId: campaign.id }), code);
      await expectRefusal(as.regenerateInviteCode({ campaignId: campaign.id }), code);
      await expectRefusal(as.removeMember({ campaignId: campaign.id, userId: member.id }), code);
      await expectRefusal(as.setMemberRole({ campaignId: campaign.id, userId: member.id, role: "observer" }), code);
    }
    await expectRefusal(app.as(outsider).campaign.byId({ campaignId: campaign.id }), "FORBIDDEN");
    expect((await app.as(admin).campaign.byId({ campaignId: campaign.id })).inviteCode).toBe(campaign.inviteCode);
    await app.as(admin).campaign.setMemberRole({ campaignId: campaign.id, userId: member.id, role: "observer" });
    expect((await app.as(gm).campaign.update({ campaignId: campaign.id, title: "Strahd" })).title).toBe("Strahd");
    await app.as(gm).campaign.removeMember({ campaignId: campaign.id, userId: member.id });
    await expectRefusal(app.as(gm).campaign.removeMember({ campaignId: campaign.id, userId: member.id }), "NOT_FOUND");

    const archived = await app.as(gm).campaign.archive({ campaignId: campaign.id });
    expect(archived.archivedAt).toEqual(app.clock.now);
    await expectRefusal(app.as(gm).campaign.update({ campaignId: campaign.id, title: "x" }), "CONFLICT", "archived");
    await expectRefusal(app.as(outsider).campaign.joinByCode({ code: campaign.inviteCode! }), "CONFLICT", "archived");
    await expectRefusal(
      app.as(gm).session.create({
        title: "x",
        startsAt: new Date(app.clock.now.getTime() + 86_400_000),
        campaignId: campaign.id,
      }),
      "CONFLICT",
      "archived",
    );
    expect(await app.as(gm).campaign.listMine()).toEqual([]);
    expect((await app.as(gm).campaign.listMine({ includeArchived: true })).map((c) => c.id)).toEqual([campaign.id]);
  });

  it("shows members their campaign's sessions first, then the rest, in start order", async () => {
    const { gm, member, campaign } = await campaignWithMember();
    const other = await app.given.user();
    const at = (hours: number) => new Date(app.clock.now.getTime() + hours * 3_600_000);
    await app.as(other).session.create({ title: "Open table", startsAt: at(10) });
    await app.as(gm).session.create({ title: "Chapter 2", startsAt: at(48), campaignId: campaign.id });
    await app.as(gm).session.create({ title: "Chapter 1", startsAt: at(24), campaignId: campaign.id });
    const titles = async (userId: typeof member) =>
      (await app.as(userId).session.list({ from: app.clock.now, limit: 100 })).items
        .map((s) => s.title)
        .filter((t) => ["Open table", "Chapter 1", "Chapter 2"].includes(t));
    expect(await titles(member)).toEqual(["Chapter 1", "Chapter 2", "Open table"]);
    // A new campaign keeps its sessions to its members.
    expect(await titles(other)).toEqual(["Open table"]);
  });

  it("refuses bad input with the field named", async () => {
    const gm = await app.given.user();
    await expectRefusal(app.as(gm).campaign.create({ title: " " }), "BAD_REQUEST", /^Title: /);
    await expectRefusal(app.as(gm).campaign.create({ title: "x", scenarioId: "nope" }), "NOT_FOUND", "scenario");
    await expectRefusal(app.as(gm).campaign.joinByCode({ code: "" }), "BAD_REQUEST", /^Code: /);
    // @ts-expect-error: not a member role
    await expectRefusal(app.as(gm).campaign.joinByCode({ code: "ABC", role: "gm" }), "BAD_REQUEST", /^Role: /);
  });
});
