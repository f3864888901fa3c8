// Counts work in progress (procedure calls, live streams) so a shutdown can wait for
// it to finish before the database closes under it.
export type InFlight = ReturnType<typeof createInFlight>;

export function createInFlight() {
  let count = 0;
  const waitingForNone: (() => void)[] = [];
  return {
    async track<T>(work: () => Promise<T>): Promise<T> {
      count += 1;
      try {
        return await work();
      } finally {
        count -= 1;
        if (count === 0) for (const resolve of waitingForNone.splice(0)) resolve();
      }
    },
    /** Resolves once nothing is in progress. */
    idle: (): Promise<void> =>
      count === 0 ? Promise.resolve() : new Promise<void>((resolve) => waitingForNone.push(resolve)),
  };
}
