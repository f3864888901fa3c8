// Starts Quorum: configuration, database (migrated), HTTP server, jobs. Nothing else.
import { loadConfig } from "./config.ts";
import { createDb } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { createHttpServer } from "./http.ts";
import { startJobs } from "./jobs/scheduler.ts";
import { createServices } from "./services.ts";

const config = loadConfig();
const applied = migrate(config.DATABASE_URL);
if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);

const db = createDb(config.DATABASE_URL);
const services = createServices(db, config);
const server = createHttpServer(services);
const jobs = startJobs(services);

server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  console.log(`Quorum listening on http://localhost:${port}`);
});

function shutdown(signal: string) {
  console.log(`${signal}: shutting down`);
  jobs.stop();
  server.close(() => void db.$disconnect().then(() => process.exit(0)));
  server.closeAllConnections();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
