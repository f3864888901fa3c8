import { z } from "zod";
import { LIMITS } from "../input-limits.ts";
import { Id, JoinCodeInput, Visibility } from "../sessions/inputs.ts";
import { text } from "../text-input.ts";

export const CampaignMemberRole = z.enum(["player", "observer"]);

export const CampaignCreateInput = z.strictObject({
  title: text().trim().min(1, { message: "Give the campaign a title." }).max(LIMITS.campaignTitle),
  description: text().max(LIMITS.campaignDescription).default(""),
  scenarioId: Id.nullish(),
  /** What its new sessions start as: kept to the members unless the GM says otherwise. */
  defaultVisibility: Visibility.default("campaign"),
});
export const CampaignUpdateInput = z.strictObject({
  campaignId: Id,
  title: text().trim().min(1, { message: "Give the campaign a title." }).max(LIMITS.campaignTitle).optional(),
  description: text().max(LIMITS.campaignDescription).optional(),
  scenarioId: Id.nullish(),
  /** A Discord webhook: the campaign's new sessions, last calls, cancellations and reminders go there. */
  discordWebhookUrl: text().trim().max(500).nullable().optional(),
  defaultVisibility: Visibility.optional(),
});
export const CampaignIdInput = z.strictObject({ campaignId: Id });
export const CampaignListMineInput = z.strictObject({ includeArchived: z.boolean().default(false) }).default({
  includeArchived: false,
});
export const CampaignJoinInput = JoinCodeInput.extend({ role: CampaignMemberRole.default("player") });
export const CampaignMemberInput = z.strictObject({ campaignId: Id, userId: Id });
export const CampaignMemberRoleInput = CampaignMemberInput.extend({ role: CampaignMemberRole });
