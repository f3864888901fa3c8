// The under-fill sweep's time as the database grows: it must read only what is due.
import { loadConfig } from "../src/config.ts";
import { createDb } from "../src/db/client.ts";
import { cancelUnderFilledSessions } from "../src/jobs/under-fill.ts";
import { createServices } from "../src/services.ts";
import { fillSessions, freshDatabase } from "./fixtures.ts";

export type UnderFillResult = {
  sessions: number;
  due: number;
  cancelled: number;
  /** Median and worst of the rounds: each round puts the due sessions back, then sweeps. */
  sweepMsMedian: number;
  sweepMsMax: number;
  fillMs: number;
};

const ROUNDS = 5;

export async function benchUnderFill(sizes: number[], dueCount = 100): Promise<UnderFillResult[]> {
  const results: UnderFillResult[] = [];
  const now = new Date("2026-06-01T18:00:00Z");
  for (const sessions of sizes) {
    const { url, file, dispose } = freshDatabase(`under-fill-${sessions}`);
    try {
      const fillStarted = performance.now();
      fillSessions(file, { sessions, due: dueCount, now });
      const fillMs = performance.now() - fillStarted;
      const config = loadConfig({ DATABASE_URL: url, CANCEL_CUTOFF_MINUTES: "60" });
      const db = createDb(url);
      const services = createServices(db, config, { now: () => now });
      await db.$queryRaw`SELECT 1`;
      const dueIds = Array.from({ length: dueCount }, (_, i) => `s${i}`);
      const times: number[] = [];
      let last = { due: 0, cancelled: 0 };
      for (let round = 0; round <= ROUNDS; round++) {
        await db.gameSession.updateMany({
          where: { id: { in: dueIds } },
          data: { status: "scheduled", cancelledAt: null, cancelReason: null },
        });
        await db.notification.deleteMany({});
        const report = await cancelUnderFilledSessions(services, now);
        // Round 0 warms up the process (JIT, statement cache) and is not counted.
        if (round > 0) times.push(report.ms);
        last = report;
      }
      await db.$disconnect();
      times.sort((a, b) => a - b);
      results.push({
        sessions,
        due: last.due,
        cancelled: last.cancelled,
        sweepMsMedian: times[Math.floor(times.length / 2)] ?? 0,
        sweepMsMax: times.at(-1) ?? 0,
        fillMs: Math.round(fillMs),
      });
    } finally {
      dispose();
    }
  }
  return results;
}
