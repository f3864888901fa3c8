// The bench's server process: the real Quorum HTTP server on API_PORT and, beside
// it on BASELINE_PORT, a bare node:http handler that authenticates the same way,
// runs the same session.list query through the same Prisma client and answers the
// same JSON — so the difference between the two is the tRPC stack's cost.
import http from "node:http";
import superjson from "superjson";
import { authenticateRequest } from "../../src/auth/request-auth.ts";
import { loadConfig } from "../../src/config.ts";
import { createDb } from "../../src/db/client.ts";
import { createHttpServer } from "../../src/http/server.ts";
import { createServices } from "../../src/services.ts";
import { SessionListInput } from "../../src/sessions/inputs.ts";
import { listGameSessions } from "../../src/sessions/queries.ts";

const config = loadConfig();
const db = createDb(config.DATABASE_URL);
const services = createServices(db, config);
const api = createHttpServer(services);

const baseline = http.createServer(async (req, res) => {
  const auth = await authenticateRequest(services, {
    method: req.method ?? "GET",
    requestOrigin: null,
    authorization: req.headers.authorization,
  });
  if (!auth.user) return res.writeHead(401).end();
  const encoded = new URL(req.url ?? "/", "http://x").searchParams.get("input") ?? "{}";
  const input = SessionListInput.parse(superjson.deserialize(JSON.parse(encoded)));
  const page = await listGameSessions(db, auth.user, input, config.CANCEL_CUTOFF_MINUTES);
  res
    .writeHead(200, { "content-type": "application/json" })
    .end(JSON.stringify({ result: { data: superjson.serialize(page) } }));
});

await db.$queryRaw`SELECT 1`;
api.listen(Number(process.env.API_PORT), "127.0.0.1");
baseline.listen(Number(process.env.BASELINE_PORT), "127.0.0.1");
console.log("ready");
