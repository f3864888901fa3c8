// WEB_CONCURRENCY=N: the primary process migrates the database once, then runs N
// server processes (node:cluster) that share the port. A worker that dies is
// replaced; SIGTERM/SIGINT stop every worker cleanly before the primary exits.
// Several processes need PostgreSQL (config.ts refuses them on SQLite).
import cluster, { type Worker } from "node:cluster";

export function runWorkers(count: number, log: (message: string) => void): void {
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < count; i++) fork();

  const recentDeaths: number[] = [];
  const alive = () => Object.values(cluster.workers ?? {}).filter((worker) => worker && !worker.isDead());
  cluster.on("exit", (worker: Worker, code, signal) => {
    if (stopping) {
      if (alive().length === 0) process.exit(0);
      return;
    }
    log(`Worker ${worker.process.pid} exited (${signal ?? code}); starting another.`);
    // A worker that dies at once, again and again, is a bug or a bad setting, not bad luck.
    const now = Date.now();
    recentDeaths.push(now);
    const lastMinute = recentDeaths.filter((at) => at > now - 60_000);
    recentDeaths.splice(0, recentDeaths.length, ...lastMinute);
    if (lastMinute.length > count * 5) {
      log("Workers keep dying: stopping. See the errors above.");
      process.exit(1);
    }
    // A stop that comes meanwhile cancels the replacement.
    setTimeout(() => stopping || fork(), 500);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping ${count} workers`);
    const workers = alive();
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker?.kill(signal);
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
