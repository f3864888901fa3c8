// Scenarios: reusable adventure templates. Anyone signed in reads; the creator or an admin edits.
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { AuthUser } from "../auth/lucia.ts";
import type { Db } from "../db/client.ts";
import { assertMayEdit } from "../ownership.ts";
import { after, pageThrough } from "../pagination.ts";
import type { ScenarioCreateInput, ScenarioListInput, ScenarioUpdateInput } from "./inputs.ts";

const scenarioView = {
  id: true,
  title: true,
  gameSystem: true,
  description: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
} as const;

export function createScenario(db: Db, user: AuthUser, input: z.output<typeof ScenarioCreateInput>) {
  return db.scenario.create({ data: { ...input, createdById: user.id }, select: scenarioView });
}

export async function getScenario(db: Db, scenarioId: string) {
  const scenario = await db.scenario.findUnique({ where: { id: scenarioId }, select: scenarioView });
  if (!scenario) throw new TRPCError({ code: "NOT_FOUND", message: "No such scenario." });
  return scenario;
}

export function listScenarios(db: Db, input: z.output<typeof ScenarioListInput>) {
  const where = input.query
    ? { OR: [{ title: { contains: input.query } }, { gameSystem: { contains: input.query } }] }
    : {};
  return pageThrough(
    (afterId, take) =>
      db.scenario.findMany({
        where,
        orderBy: [{ title: "asc" }, { id: "asc" }],
        take,
        ...after(afterId),
        select: scenarioView,
      }),
    input.limit,
    input.cursor,
  );
}

export async function updateScenario(db: Db, user: AuthUser, input: z.output<typeof ScenarioUpdateInput>) {
  const { scenarioId, ...changes } = input;
  const current = await db.scenario.findUnique({ where: { id: scenarioId }, select: { createdById: true } });
  assertMayEdit(user, current?.createdById, "scenario");
  return db.scenario.update({ where: { id: scenarioId }, data: changes, select: scenarioView });
}

/** Campaigns based on a deleted scenario keep running, without it. */
export async function deleteScenario(db: Db, user: AuthUser, scenarioId: string): Promise<void> {
  const current = await db.scenario.findUnique({ where: { id: scenarioId }, select: { createdById: true } });
  assertMayEdit(user, current?.createdById, "scenario");
  await db.scenario.delete({ where: { id: scenarioId } });
}
