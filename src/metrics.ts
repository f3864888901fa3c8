// Prometheus metrics (prom-client), one registry per process: requests and their
// latency per procedure, open subscription streams, job runs, event bus delay.
// They are served on their own listener (metrics-server.ts), never on the public port.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics(options: { processDefaults?: boolean } = {}) {
  const registry = new Registry();
  // CPU, memory, event loop lag, GC: for the real server only, not every test app.
  if (options.processDefaults) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: "quorum_requests_total",
      help: "tRPC calls by procedure, type and outcome (ok, or the error code)",
      labelNames: ["procedure", "type", "outcome"] as const,
      registers,
    }),
    requestSeconds: new Histogram({
      name: "quorum_request_duration_seconds",
      help: "Time to answer a tRPC query or mutation, by procedure",
      labelNames: ["procedure", "type"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    openStreams: new Gauge({
      name: "quorum_open_streams",
      help: "Subscription (SSE) streams open in this process, by procedure",
      labelNames: ["procedure"] as const,
      registers,
    }),
    jobRuns: new Counter({
      name: "quorum_job_runs_total",
      help: "Runs of the in-process jobs, by job and outcome",
      labelNames: ["job", "outcome"] as const,
      registers,
    }),
    jobSeconds: new Histogram({
      name: "quorum_job_duration_seconds",
      help: "How long each job run took",
      labelNames: ["job"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
      registers,
    }),
    busDelaySeconds: new Histogram({
      name: "quorum_event_bus_delay_seconds",
      help: "From publishing a live event to its arrival in this process, by kind",
      labelNames: ["kind"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
  };
}
