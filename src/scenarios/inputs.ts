import { z } from "zod";
import { Id } from "../sessions/inputs.ts";

const ScenarioFields = z.object({
  title: z.string().trim().min(1, { message: "Give the scenario a title." }).max(120),
  gameSystem: z.string().trim().min(1, { message: "Name the game system." }).max(80),
  description: z.string().max(10_000).default(""),
});

export const ScenarioCreateInput = ScenarioFields;
export const ScenarioUpdateInput = ScenarioFields.partial().extend({
  scenarioId: Id,
  description: z.string().max(10_000).optional(),
});
export const ScenarioIdInput = z.object({ scenarioId: Id });
export const ScenarioListInput = z.object({
  query: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().max(100).nullish(),
});
