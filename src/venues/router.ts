import { router, signedInProcedure } from "../trpc.ts";
import { VenueCreateInput, VenueIdInput, VenueListInput, VenueUpdateInput } from "./inputs.ts";
import { createVenue, deleteVenue, getVenue, listVenues, updateVenue } from "./rules.ts";

export const venueRouter = router({
  list: signedInProcedure.input(VenueListInput).query(({ ctx, input }) => listVenues(ctx.db, input)),
  byId: signedInProcedure.input(VenueIdInput).query(({ ctx, input }) => getVenue(ctx.db, input.venueId)),
  create: signedInProcedure.input(VenueCreateInput).mutation(({ ctx, input }) => createVenue(ctx.db, ctx.user, input)),
  update: signedInProcedure.input(VenueUpdateInput).mutation(({ ctx, input }) => updateVenue(ctx.db, ctx.user, input)),
  delete: signedInProcedure.input(VenueIdInput).mutation(async ({ ctx, input }) => {
    await deleteVenue(ctx.db, ctx.user, input.venueId);
    return { deleted: true };
  }),
});
