// Starts Quorum: configuration, database (migrated), HTTP server, jobs, metrics.
// With WEB_CONCURRENCY > 1 this process migrates, then runs that many server
// processes (cluster.ts), each of which runs the rest of this file.
import cluster from "node:cluster";
import { AggregatorRegistry } from "prom-client";
import { runWorkers } from "./cluster.ts";
import { loadConfig } from "./config.ts";
import { createDb } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { serveMetrics } from "./http/metrics-server.ts";
import { createHttpServer } from "./http/server.ts";
import { startJobs } from "./jobs/scheduler.ts";
import { createLogger } from "./logger.ts";
import { createMetrics } from "./metrics.ts";
import { mailDestination } from "./outgoing/mailer.ts";
import { createServices } from "./services.ts";

const config = loadConfig();
const log = createLogger(config);
const clustered = config.WEB_CONCURRENCY > 1;

if (cluster.isPrimary) {
  const applied = await migrate(config.DATABASE_URL);
  if (applied.length > 0) log.info({ migrations: applied }, `Applied migrations: ${applied.join(", ")}`);
  log.info(mailDestination(config));
}

if (clustered && cluster.isPrimary) {
  // One /metrics for the machine: the sum of every worker's.
  const aggregate = new AggregatorRegistry();
  serveMetrics(
    config,
    async () => {
      const merged = await aggregate.clusterMetrics();
      return { contentType: aggregate.contentType, body: merged };
    },
    (error) => log.error({ err: error }, "Metrics failed"),
  );
  runWorkers(config.WEB_CONCURRENCY, (message) => log.info(message));
} else {
  const db = createDb(config.DATABASE_URL);
  const metrics = createMetrics({ processDefaults: true });
  const services = createServices(db, config, { log, metrics });
  const server = createHttpServer(services);
  const jobs = startJobs(services);
  let metricsServer: ReturnType<typeof serveMetrics> = null;
  if (clustered) {
    // The primary serves the machine's metrics, gathered from this registry: a worker
    // answers its requests once it has constructed an AggregatorRegistry.
    AggregatorRegistry.setRegistries([metrics.registry]);
    new AggregatorRegistry();
  } else {
    metricsServer = serveMetrics(
      config,
      async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
      (error) => log.error({ err: error }, "Metrics failed"),
    );
  }

  // A deep accept queue: after a restart every open page reconnects its streams at once.
  server.listen({ port: config.PORT, host: config.HOST, backlog: 4096 }, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    log.info({ port, process: services.processId }, `Quorum listening on http://localhost:${port}`);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    // Whatever hangs, the process still ends.
    setTimeout(() => process.exit(1), 10_000).unref();
    // No new connections; live streams end, telling their clients to reconnect (behind
    // a load balancer, to another process) and resume; requests in flight finish.
    const closed = new Promise((resolve) => server.close(resolve));
    metricsServer?.close();
    server.drain();
    await server.settled();
    // What is left is idle keep-alive connections. Once they are closed no request can
    // start; one that slipped in meanwhile finishes before the database goes.
    server.closeAllConnections();
    await closed;
    await Promise.all([server.settled(), jobs.stop()]);
    await services.events.close();
    services.mailer.close();
    await db.$disconnect();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}
