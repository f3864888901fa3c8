// Compile-time checks (npm run typecheck): a script passing the wrong input type to a
// procedure does not compile. Each @ts-expect-error fails the build if it stops erring.
import { createQuorumClient } from "../../scripts/client.ts";

export async function wrongInputsDoNotCompile() {
  const client = createQuorumClient({ url: "http://localhost:3000", token: "qrm_example" });
  // @ts-expect-error: maxPlayers is a number, not a string
  await client.session.create.mutate({ title: "Night", startsAt: new Date(), maxPlayers: "six" });
  // @ts-expect-error: startsAt is a Date (the transformer carries it), not a string
  await client.session.create.mutate({ title: "Night", startsAt: "2026-12-01T19:00" });
  // @ts-expect-error: there is no such procedure
  await client.session.explode.mutate({ sessionId: "x" });
  // @ts-expect-error: a key event needs its session
  await client.keyEvent.add.mutate({ text: "A door opens" });
  // And the right types compile, with typed results:
  const created = await client.session.create.mutate({ title: "Night", startsAt: new Date(), maxPlayers: 6 });
  const startsAt: Date = created.startsAt;
  return startsAt;
}
