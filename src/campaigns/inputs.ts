import { z } from "zod";
import { Id, JoinCodeInput } from "../sessions/inputs.ts";
import { text } from "../text-input.ts";

export const CampaignMemberRole = z.enum(["player", "observer"]);

export const CampaignCreateInput = z.object({
  title: text().trim().min(1, { message: "Give the campaign a title." }).max(120),
  description: text().max(10_000).default(""),
  scenarioId: Id.nullish(),
});
export const CampaignUpdateInput = z.object({
  campaignId: Id,
  title: text().trim().min(1, { message: "Give the campaign a title." }).max(120).optional(),
  description: text().max(10_000).optional(),
  scenarioId: Id.nullish(),
});
export const CampaignIdInput = z.object({ campaignId: Id });
export const CampaignListMineInput = z.object({ includeArchived: z.boolean().default(false) }).default({
  includeArchived: false,
});
export const CampaignJoinInput = JoinCodeInput.extend({ role: CampaignMemberRole.default("player") });
export const CampaignMemberInput = z.object({ campaignId: Id, userId: Id });
export const CampaignMemberRoleInput = CampaignMemberInput.extend({ role: CampaignMemberRole });
