// Who a user is to a campaign: its GM (admins count as GM), a member, or nobody.
import { TRPCError } from "@trpc/server";
import type { AuthUser } from "../auth/lucia.ts";
import type { Db } from "../db/client.ts";

export type CampaignStanding = "gm" | "member" | null;

export async function standingIn(db: Db, user: AuthUser, campaignId: string) {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { id: true, gmId: true, archivedAt: true, members: { where: { userId: user.id }, select: { role: true } } },
  });
  if (!campaign) throw new TRPCError({ code: "NOT_FOUND", message: "No such campaign." });
  const standing: CampaignStanding =
    campaign.gmId === user.id || user.role === "admin" ? "gm" : campaign.members.length > 0 ? "member" : null;
  return { campaign, standing };
}

export async function assertCampaignGm(db: Db, user: AuthUser, campaignId: string) {
  const found = await standingIn(db, user, campaignId);
  if (found.standing !== "gm") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only the campaign's GM or an admin may do that." });
  }
  return found.campaign;
}

export async function assertCampaignReader(db: Db, user: AuthUser, campaignId: string) {
  const found = await standingIn(db, user, campaignId);
  if (!found.standing)
    throw new TRPCError({ code: "FORBIDDEN", message: "Only the campaign's members and GM see it." });
  return found;
}
