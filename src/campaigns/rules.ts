// Campaigns: a GM and a group running a scenario over many sessions. Members join
// with an invite code (or its QR code); the GM manages members and the code.
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { AuthUser } from "../auth/lucia.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { CampaignMemberRole } from "../generated/prisma/enums.ts";
import { newJoinCode } from "../join-codes.ts";
import { assertWebhookUsable } from "../outgoing/discord.ts";
import { assertCampaignGm, assertCampaignReader } from "./access.ts";
import type { CampaignCreateInput, CampaignUpdateInput } from "./inputs.ts";

const conflict = (message: string) => new TRPCError({ code: "CONFLICT", message });

const campaignView = {
  id: true,
  title: true,
  description: true,
  defaultVisibility: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  gm: { select: { id: true, displayName: true } },
  scenario: { select: { id: true, title: true, gameSystem: true } },
} as const;

/** The link behind the invite QR code. */
export const inviteUrl = (config: Pick<Config, "PUBLIC_URL">, code: string) =>
  `${config.PUBLIC_URL}/campaigns/join/${code}`;

async function assertScenarioExists(db: Db, scenarioId: string) {
  if (!(await db.scenario.findUnique({ where: { id: scenarioId }, select: { id: true } }))) {
    throw new TRPCError({ code: "NOT_FOUND", message: "No such scenario." });
  }
}

export async function createCampaign(db: Db, gm: AuthUser, input: z.output<typeof CampaignCreateInput>) {
  if (input.scenarioId) await assertScenarioExists(db, input.scenarioId);
  return db.campaign.create({
    data: { ...input, gmId: gm.id, inviteCode: newJoinCode() },
    select: { id: true },
  });
}

export async function updateCampaign(
  db: Db,
  config: Pick<Config, "DISCORD_WEBHOOK_HOSTS">,
  user: AuthUser,
  input: z.output<typeof CampaignUpdateInput>,
) {
  const { campaignId, ...changes } = input;
  assertWebhookUsable(changes.discordWebhookUrl, config);
  const campaign = await assertCampaignGm(db, user, campaignId);
  if (campaign.archivedAt) throw conflict("This campaign is archived.");
  if (changes.scenarioId) await assertScenarioExists(db, changes.scenarioId);
  await db.campaign.update({ where: { id: campaignId }, data: changes });
}

/** Archived campaigns keep their history but take no new sessions or members. */
export async function archiveCampaign(db: Db, user: AuthUser, campaignId: string, now: Date) {
  const campaign = await assertCampaignGm(db, user, campaignId);
  if (campaign.archivedAt) throw conflict("This campaign is already archived.");
  await db.campaign.update({ where: { id: campaignId }, data: { archivedAt: now } });
}

export async function listMyCampaigns(db: Db, user: AuthUser, includeArchived: boolean) {
  const campaigns = await db.campaign.findMany({
    where: {
      OR: [{ gmId: user.id }, { members: { some: { userId: user.id } } }],
      ...(includeArchived ? {} : { archivedAt: null }),
    },
    orderBy: [{ archivedAt: "asc" }, { title: "asc" }],
    select: { ...campaignView, _count: { select: { members: true } } },
  });
  return campaigns.map(({ _count, ...c }) => ({
    ...c,
    memberCount: _count.members,
    myRole: c.gm.id === user.id ? ("gm" as const) : ("member" as const),
  }));
}

/** Members and the GM see the campaign; only the GM (or an admin) sees its invite code. */
export async function getCampaign(db: Db, config: Pick<Config, "PUBLIC_URL">, user: AuthUser, campaignId: string) {
  const { standing } = await assertCampaignReader(db, user, campaignId);
  const campaign = await db.campaign.findUniqueOrThrow({
    where: { id: campaignId },
    select: {
      ...campaignView,
      inviteCode: true,
      discordWebhookUrl: true,
      members: {
        orderBy: { joinedAt: "asc" },
        select: { role: true, joinedAt: true, user: { select: { id: true, displayName: true } } },
      },
    },
  });
  const { inviteCode, discordWebhookUrl, ...visible } = campaign;
  // A webhook URL lets anyone post to the channel: only the GM sees it, like the invite code.
  const invite =
    standing === "gm"
      ? { inviteCode, inviteUrl: inviteUrl(config, inviteCode), discordWebhookUrl }
      : { inviteCode: null, inviteUrl: null, discordWebhookUrl: null };
  return { ...visible, ...invite, myStanding: standing };
}

export async function regenerateInviteCode(
  db: Db,
  config: Pick<Config, "PUBLIC_URL">,
  user: AuthUser,
  campaignId: string,
) {
  await assertCampaignGm(db, user, campaignId);
  const { inviteCode } = await db.campaign.update({
    where: { id: campaignId },
    data: { inviteCode: newJoinCode() },
    select: { inviteCode: true },
  });
  return { inviteCode, inviteUrl: inviteUrl(config, inviteCode) };
}

export async function joinCampaignByCode(db: Db, user: AuthUser, code: string, role: CampaignMemberRole, now: Date) {
  const campaign = await db.campaign.findUnique({
    where: { inviteCode: code },
    select: { id: true, gmId: true, archivedAt: true },
  });
  if (!campaign) throw new TRPCError({ code: "NOT_FOUND", message: "No campaign has that invite code." });
  if (campaign.archivedAt) throw conflict("This campaign is archived.");
  if (campaign.gmId === user.id) throw conflict("You run this campaign.");
  const existing = await db.campaignMember.findUnique({
    where: { campaignId_userId: { campaignId: campaign.id, userId: user.id } },
  });
  if (existing) throw conflict("You are already in this campaign.");
  await db.campaignMember.create({ data: { campaignId: campaign.id, userId: user.id, role, joinedAt: now } });
  return { campaignId: campaign.id, role };
}

export async function removeCampaignMember(db: Db, user: AuthUser, campaignId: string, userId: string) {
  await assertCampaignGm(db, user, campaignId);
  const { count } = await db.campaignMember.deleteMany({ where: { campaignId, userId } });
  if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "They are not in this campaign." });
}

export async function setCampaignMemberRole(
  db: Db,
  user: AuthUser,
  campaignId: string,
  userId: string,
  role: CampaignMemberRole,
) {
  await assertCampaignGm(db, user, campaignId);
  const { count } = await db.campaignMember.updateMany({ where: { campaignId, userId }, data: { role } });
  if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "They are not in this campaign." });
}

export async function leaveCampaign(db: Db, user: AuthUser, campaignId: string) {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { gmId: true } });
  if (!campaign) throw new TRPCError({ code: "NOT_FOUND", message: "No such campaign." });
  if (campaign.gmId === user.id) throw conflict("You run this campaign: archive it rather than leave it.");
  const { count } = await db.campaignMember.deleteMany({ where: { campaignId, userId: user.id } });
  if (count === 0) throw conflict("You are not in this campaign.");
}
