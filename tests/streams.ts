// A live stream over real HTTP, for tests: what it received, and the error that ended it.
import type { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "../src/router.ts";
import { until } from "./processes.ts";

type Handlers<T> = { onStarted: () => void; onData: (data: T) => void; onError: (error: unknown) => void };
type Subscribe<T> = (handlers: Handlers<T>) => { unsubscribe: () => void };

/**
 * Opens a stream and waits until it runs (and, for a snapshot stream, has sent its
 * first snapshot); `ended` settles with the error that ended it.
 */
export async function openStream<T>(subscribe: Subscribe<T>, firstEvents = 1) {
  const received: T[] = [];
  let started = false;
  let endedWith: TRPCClientError<AppRouter> | null = null;
  const subscription = subscribe({
    onStarted: () => {
      started = true;
    },
    onData: (data) => received.push(data),
    onError: (error) => {
      endedWith = error as TRPCClientError<AppRouter>;
    },
  });
  await until(() => started && received.length >= firstEvents, "the stream to start", 5_000);
  return {
    received,
    /** Resolves with the error the server ended the stream with. */
    ended: async () => {
      await until(() => endedWith !== null, "the stream to end", 5_000);
      return endedWith as unknown as TRPCClientError<AppRouter>;
    },
    isOpen: () => endedWith === null,
    close: () => subscription.unsubscribe(),
  };
}
