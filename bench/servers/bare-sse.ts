// The fan-out baseline: a bare tRPC server whose one subscription forwards an
// in-memory counter to every subscriber, with no database, auth or app code. Our
// presence stream is compared with it, to separate the app's cost from tRPC's.
import { EventEmitter, on } from "node:events";
import http from "node:http";
import { initTRPC, tracked } from "@trpc/server";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { transformer } from "../../src/wire.ts";

const t = initTRPC.create({ transformer });
const changes = new EventEmitter();
changes.setMaxListeners(0);
let version = 0;
// A payload the size of a small table's presence snapshot.
const snapshot = (v: number) => ({
  version: v,
  members: ["GM", "Ana", "Ben"].map((name, i) => ({
    userId: `u${i}`,
    displayName: name,
    online: i <= v % 3,
    lastSeenAt: new Date(),
  })),
});

export const bareRouter = t.router({
  changes: t.procedure.subscription(async function* ({ signal }) {
    yield tracked(String(version), snapshot(version));
    for await (const [v] of on(changes, "change", { signal })) yield tracked(String(v), snapshot(v as number));
  }),
  change: t.procedure.mutation(() => {
    version += 1;
    changes.emit("change", version);
    return version;
  }),
});
export type BareRouter = typeof bareRouter;

if (process.env.PORT) {
  const handler = createHTTPHandler({ router: bareRouter, basePath: "/trpc/" });
  http.createServer(handler).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
}
