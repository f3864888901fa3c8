// The jobs that run inside the server process, on croner schedules from config.
import { Cron } from "croner";
import type { Services } from "../services.ts";
import { cancelUnderFilledSessions } from "./under-fill.ts";

export function startJobs(services: Services): { stop: () => void } {
  const sweep = async () => {
    const report = await cancelUnderFilledSessions(services, services.now());
    console.log(JSON.stringify({ job: "under-fill", ...report }));
  };
  const underFill = new Cron(
    services.config.CANCEL_CRON,
    {
      name: "under-fill",
      // A run still going when the next is due is left to finish; the next is skipped.
      protect: true,
      catch: (error) => console.error("under-fill sweep failed:", error),
    },
    sweep,
  );
  // After a restart, catch up at once rather than at the next tick.
  void underFill.trigger();
  return { stop: () => underFill.stop() };
}
