// Every procedure's input, fuzzed with random and hostile values (fast-check): a
// refusal is always a 4xx-class TRPCError, never INTERNAL_SERVER_ERROR, and a
// refused call changes nothing in the database.
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appRouter } from "../../src/router.ts";
import { createCallerFactory, createContextInner } from "../../src/trpc.ts";
import { createTestApp } from "../app.ts";

const app = await createTestApp();
const CASES_PER_PROCEDURE = 160;

type AnyProcedure = { _def: { type: string; inputs: unknown[] } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>).filter(
  ([, procedure]) => procedure._def.type !== "subscription",
);

/** The keys of a procedure's object input, through .optional(), .default() and friends. */
function inputKeys(schemas: unknown[]): string[] {
  const keys = new Set<string>();
  const visit = (schema: unknown) => {
    const s = schema as { shape?: Record<string, unknown>; def?: { innerType?: unknown; in?: unknown } } | undefined;
    if (!s) return;
    if (s.shape) for (const key of Object.keys(s.shape)) keys.add(key);
    if (s.def?.innerType) visit(s.def.innerType);
    if (s.def?.in) visit(s.def.in);
  };
  schemas.forEach(visit);
  return [...keys];
}

/** Everything the fuzzer may put in a field: real ids mixed with hostile values. */
function hostileValue(knownIds: string[]) {
  return fc.oneof(
    fc.constantFrom(...knownIds),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "grapheme", maxLength: 30 }),
    fc.constant("x".repeat(200_000)),
    fc.constantFrom(
      "",
      " ",
      "\u0000",
      '\'; DROP TABLE "User"; --',
      "<script>alert(1)</script>",
      "../../etc/passwd",
      "__proto__",
    ),
    fc.integer(),
    fc.integer({ min: -1_000_000_000, max: -1 }),
    fc.double(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2, -0),
    fc.date({ noInvalidDate: false }),
    fc.constantFrom(new Date(-8.64e15), new Date(8.64e15)),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...knownIds)), { maxLength: 600 }),
    fc.object({ maxDepth: 2 }),
  );
}

/** A cheap fingerprint of all stored state: row counts, versions and last updates, in SQL both databases speak. */
async function fingerprint(): Promise<string> {
  const tables = [
    "User",
    "AuthSession",
    "ApiToken",
    "Scenario",
    "Campaign",
    "CampaignMember",
    "Venue",
    "Character",
    "GameSession",
    "Participant",
    "Presence",
    "KeyEvent",
    "CharacterDevelopment",
    "Notification",
  ];
  const asText = (sql: string) => `coalesce(CAST((${sql}) AS TEXT), '-')`;
  const parts = [
    ...tables.map((t) => `SELECT count(*) FROM "${t}"`),
    `SELECT sum("version") FROM "GameSession"`,
    `SELECT sum("presenceVersion") FROM "GameSession"`,
    ...["GameSession", "Campaign", "User", "KeyEvent"].map((t) => `SELECT max("updatedAt") FROM "${t}"`),
    `SELECT count("readAt") FROM "Notification"`,
    `SELECT sum("totalTimeMinutes") FROM "Participant"`,
  ];
  const rows = await app.db.$queryRawUnsafe<{ f: string }[]>(`SELECT ${parts.map(asText).join(" || ',' || ")} AS f`);
  return rows[0]?.f ?? "";
}

describe("bad input", () => {
  it(`${procedures.length} procedures × ${CASES_PER_PROCEDURE} random and hostile inputs: 4xx refusals only, and refusals change nothing`, {
    timeout: 600_000,
  }, async () => {
    // A world for real ids to point at: an active session with a player, a campaign, a venue…
    const { id: sessionId, host, players } = await app.given.activeSession(1);
    const player = players[0]!;
    const admin = await app.given.user({ role: "admin" });
    const campaign = await app.as(host).campaign.create({ title: "Fuzz campaign" });
    const venue = await app.as(host).venue.create({ name: "Fuzz venue", address: "1 Fuzz St" });
    const scenario = await app.as(host).scenario.create({ title: "Fuzz", gameSystem: "Fuzz" });
    const character = await app.as(player).character.create({ name: "Fuzzy" });
    const keyEvent = await app.as(host).keyEvent.add({ sessionId, text: "Fuzzing began" });
    const { joinCode } = await app.as(host).session.byId({ sessionId });
    const knownIds = [
      sessionId,
      host.id,
      player.id,
      admin.id,
      campaign.id,
      venue.id,
      scenario.id,
      character.id,
      keyEvent.id,
      joinCode ?? "",
      campaign.inviteCode ?? "",
    ];

    const createCaller = createCallerFactory(appRouter);
    const callers = [null, player, host, admin].map((user) => createCaller(createContextInner(app.services, { user })));
    let cases = 0;
    const internal: string[] = [];

    for (const [path, procedure] of procedures) {
      const keys = inputKeys(procedure._def.inputs);
      const input = fc.oneof(
        fc.anything(),
        keys.length > 0
          ? fc.dictionary(fc.constantFrom(...keys), hostileValue(knownIds), { maxKeys: keys.length + 1 })
          : fc.constant(undefined),
      );
      await fc.assert(
        fc.asyncProperty(input, fc.nat({ max: callers.length - 1 }), async (value, who) => {
          cases += 1;
          const caller = callers[who] as unknown as Record<
            string,
            Record<string, (input: unknown) => Promise<unknown>>
          >;
          const [domain, name] = path.split(".") as [string, string];
          const before = await fingerprint();
          try {
            await caller[domain]?.[name]?.(value);
          } catch (error) {
            if (!(error instanceof TRPCError)) throw new Error(`${path} threw a non-tRPC error: ${String(error)}`);
            if (error.code === "INTERNAL_SERVER_ERROR") {
              internal.push(`${path}: ${error.message}`);
              return false;
            }
            const after = await fingerprint();
            if (after !== before) throw new Error(`${path} refused (${error.code}) but changed the database`);
          }
          return true;
        }),
        { numRuns: CASES_PER_PROCEDURE, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
      );
    }
    expect(internal).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(10_000);
  });
});
