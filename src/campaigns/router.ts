import { router, signedInProcedure } from "../trpc.ts";
import {
  CampaignCreateInput,
  CampaignIdInput,
  CampaignJoinInput,
  CampaignListMineInput,
  CampaignMemberInput,
  CampaignMemberRoleInput,
  CampaignUpdateInput,
} from "./inputs.ts";
import {
  archiveCampaign,
  createCampaign,
  getCampaign,
  joinCampaignByCode,
  leaveCampaign,
  listMyCampaigns,
  regenerateInviteCode,
  removeCampaignMember,
  setCampaignMemberRole,
  updateCampaign,
} from "./rules.ts";

export const campaignRouter = router({
  listMine: signedInProcedure
    .input(CampaignListMineInput)
    .query(({ ctx, input }) => listMyCampaigns(ctx.db, ctx.user, input.includeArchived)),
  byId: signedInProcedure
    .input(CampaignIdInput)
    .query(({ ctx, input }) => getCampaign(ctx.db, ctx.config, ctx.user, input.campaignId)),
  create: signedInProcedure.input(CampaignCreateInput).mutation(async ({ ctx, input }) => {
    const { id } = await createCampaign(ctx.db, ctx.user, input);
    return getCampaign(ctx.db, ctx.config, ctx.user, id);
  }),
  update: signedInProcedure.input(CampaignUpdateInput).mutation(async ({ ctx, input }) => {
    await updateCampaign(ctx.db, ctx.config, ctx.user, input);
    return getCampaign(ctx.db, ctx.config, ctx.user, input.campaignId);
  }),
  archive: signedInProcedure.input(CampaignIdInput).mutation(async ({ ctx, input }) => {
    await archiveCampaign(ctx.db, ctx.user, input.campaignId, ctx.now());
    return getCampaign(ctx.db, ctx.config, ctx.user, input.campaignId);
  }),
  regenerateInviteCode: signedInProcedure
    .input(CampaignIdInput)
    .mutation(({ ctx, input }) => regenerateInviteCode(ctx.db, ctx.config, ctx.user, input.campaignId)),
  joinByCode: signedInProcedure
    .input(CampaignJoinInput)
    .mutation(({ ctx, input }) => joinCampaignByCode(ctx.db, ctx.user, input.code, input.role, ctx.now())),
  leave: signedInProcedure.input(CampaignIdInput).mutation(async ({ ctx, input }) => {
    await leaveCampaign(ctx.db, ctx.user, input.campaignId);
    return { left: true };
  }),
  removeMember: signedInProcedure.input(CampaignMemberInput).mutation(async ({ ctx, input }) => {
    await removeCampaignMember(ctx.db, ctx.user, input.campaignId, input.userId);
    return { removed: true };
  }),
  setMemberRole: signedInProcedure.input(CampaignMemberRoleInput).mutation(async ({ ctx, input }) => {
    await setCampaignMemberRole(ctx.db, ctx.user, input.campaignId, input.userId, input.role);
    return { role: input.role };
  }),
});
