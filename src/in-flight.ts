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

/**
 * One run of `work` per key at a time: whoever asks while it runs shares that run.
 * For bookkeeping writes many requests would otherwise repeat at once (a token's last
 * use, an auth session's new expiry): 64 of them queued for SQLite's one writer
 * held requests up to 2 s.
 */
export function createSingleFlight() {
  const running = new Map<string, Promise<void>>();
  return (key: string, work: () => Promise<void>): Promise<void> => {
    let run = running.get(key);
    if (!run) {
      run = work().finally(() => running.delete(key));
      running.set(key, run);
    }
    return run;
  };
}
