import { router, signedInProcedure } from "../trpc.ts";
import { ScenarioCreateInput, ScenarioIdInput, ScenarioListInput, ScenarioUpdateInput } from "./inputs.ts";
import { createScenario, deleteScenario, getScenario, listScenarios, updateScenario } from "./rules.ts";

export const scenarioRouter = router({
  list: signedInProcedure.input(ScenarioListInput).query(({ ctx, input }) => listScenarios(ctx.db, input)),
  byId: signedInProcedure.input(ScenarioIdInput).query(({ ctx, input }) => getScenario(ctx.db, input.scenarioId)),
  create: signedInProcedure
    .input(ScenarioCreateInput)
    .mutation(({ ctx, input }) => createScenario(ctx.db, ctx.user, input)),
  update: signedInProcedure
    .input(ScenarioUpdateInput)
    .mutation(({ ctx, input }) => updateScenario(ctx.db, ctx.user, input)),
  delete: signedInProcedure.input(ScenarioIdInput).mutation(async ({ ctx, input }) => {
    await deleteScenario(ctx.db, ctx.user, input.scenarioId);
    return { deleted: true };
  }),
});
