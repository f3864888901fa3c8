// GM notes never reach a player: every query procedure, called by a participant and
// by a campaign member with real ids, answers without them.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { appRouter } from "../../src/router.ts";
import { createCallerFactory, createContextInner } from "../../src/trpc.ts";
import { createTestApp } from "../app.ts";

const app = await createTestApp();
const SECRET = "gm-only: the butler did it";

const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: string; inputs: { shape?: Record<string, unknown> }[] } }
>;
const queries = Object.entries(procedures)
  .filter(([, p]) => p._def.type === "query")
  .map(([path]) => path);
/** Of `values`, those a procedure's input takes (inputs refuse keys they do not know). */
const inputFor = (path: string, values: Record<string, unknown>) => {
  const accepted = new Set(procedures[path]!._def.inputs.flatMap((schema) => Object.keys(schema.shape ?? {})));
  return Object.fromEntries(Object.entries(values).filter(([key]) => accepted.has(key)));
};

describe("auth attacks", () => {
  it("a player can never read GM notes through any procedure", async () => {
    const gm = await app.given.user({ name: "GM" });
    const [player, member] = await app.given.users(2);
    const campaign = await app.as(gm).campaign.create({ title: "Secrets" });
    await app.as(member!).campaign.joinByCode({ code: campaign.inviteCode! });
    await app.as(player!).campaign.joinByCode({ code: campaign.inviteCode! });
    const session = await app.as(gm).session.create({
      title: "Whodunnit",
      startsAt: new Date(app.clock.now.getTime() + 86_400_000),
      campaignId: campaign.id,
      minPlayers: 1,
    });
    await app.given.join(session.id, player!);
    await app.as(gm).session.start({ sessionId: session.id });
    const keyEvent = await app.as(gm).keyEvent.add({ sessionId: session.id, text: "A scream" });
    await app.as(gm).record.update({ sessionId: session.id, summary: "Solved.", gmNotes: SECRET });
    await app.as(gm).session.end({ sessionId: session.id });
    expect((await app.as(gm).record.get({ sessionId: session.id })).gmNotes).toBe(SECRET);

    const values: Record<string, unknown> = {
      sessionId: session.id,
      campaignId: campaign.id,
      keyEventId: keyEvent.id,
      limit: 100,
      query: "Who",
    };
    const createCaller = createCallerFactory(appRouter);
    let answered = 0;
    for (const reader of [player!, member!]) {
      const caller = createCaller(createContextInner(app.services, { user: reader })) as unknown as Record<
        string,
        Record<string, (input: unknown) => Promise<unknown>>
      >;
      for (const path of queries) {
        const [domain, name] = path.split(".") as [string, string];
        const outcome = await caller[domain]?.[name]?.(inputFor(path, values)).then(
          (answer) => ({ answer }),
          (error: unknown) => ({ error }),
        );
        if (outcome && "error" in outcome) {
          // A refusal reveals nothing either; anything else is a bug.
          expect(outcome.error, path).toBeInstanceOf(TRPCError);
          expect((outcome.error as TRPCError).code, path).not.toBe("INTERNAL_SERVER_ERROR");
        } else {
          answered += 1;
          expect(JSON.stringify(outcome?.answer) ?? "", path).not.toContain("butler");
        }
      }
    }
    expect(answered).toBeGreaterThan(10);
  });

  it("an outsider never reads a recap through any procedure; the participants do", async () => {
    const gm = await app.given.user({ name: "GM" });
    const [player, outsider] = await app.given.users(2);
    const session = await app.as(gm).session.create({
      title: "Open table",
      startsAt: new Date(app.clock.now.getTime() + 86_400_000),
      minPlayers: 1,
    });
    await app.given.join(session.id, player!);
    await app.as(gm).session.start({ sessionId: session.id });
    await app.as(gm).record.update({ sessionId: session.id, summary: "The recap: the dragon won." });
    await app.as(gm).session.end({ sessionId: session.id });
    expect((await app.as(player!).record.get({ sessionId: session.id })).summary).toContain("dragon won");

    const createCaller = createCallerFactory(appRouter);
    const caller = createCaller(createContextInner(app.services, { user: outsider! })) as unknown as Record<
      string,
      Record<string, (input: unknown) => Promise<unknown>>
    >;
    const input = { sessionId: session.id, limit: 100, query: "Open", status: ["completed"] };
    let answered = 0;
    for (const path of queries) {
      const [domain, name] = path.split(".") as [string, string];
      const answer = await caller[domain]?.[name]?.(inputFor(path, input)).catch(() => null);
      if (answer !== null && answer !== undefined) answered += 1;
      expect(JSON.stringify(answer) ?? "", path).not.toContain("dragon won");
    }
    // Enough of them answered (rather than refused) for the check to mean something.
    expect(answered).toBeGreaterThan(10);
    // The live stream of the session's state carries no recap either.
    const stream = (await caller.session!.onChanged!({ sessionId: session.id })) as AsyncIterable<unknown>;
    for await (const event of stream) {
      expect(JSON.stringify(event)).not.toContain("dragon won");
      break;
    }
  });
});
