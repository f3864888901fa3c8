import { z } from "zod";
import { Id } from "../sessions/inputs.ts";
import { text } from "../text-input.ts";
import { wholeNumber } from "../validation.ts";

const ScenarioFields = z.strictObject({
  title: text().trim().min(1, { message: "Give the scenario a title." }).max(120),
  gameSystem: text().trim().min(1, { message: "Name the game system." }).max(80),
  description: text().max(10_000).default(""),
});

export const ScenarioCreateInput = ScenarioFields;
export const ScenarioUpdateInput = ScenarioFields.partial().extend({
  scenarioId: Id,
  description: text().max(10_000).optional(),
});
export const ScenarioIdInput = z.strictObject({ scenarioId: Id });
export const ScenarioListInput = z.strictObject({
  query: text().trim().max(100).optional(),
  limit: wholeNumber(1, 100).default(20),
  cursor: text().max(100).nullish(),
});
