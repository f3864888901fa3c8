// Sitting at a session's table from a page: connect, heartbeat while the page is
// open, disconnect when it closes (closing the live stream also tells the server).
import { createEffect, createMemo, onCleanup } from "solid-js";
import { trpc } from "../trpc.ts";

export function useTablePresence(sessionId: () => string, canSit: () => boolean): void {
  // Only a change of the answer may reconnect: `canSit` reads the session, the places
  // and who is online, and re-running on each of their updates made every presence
  // change disconnect and reconnect everyone at the table, over and over.
  const sitting = createMemo(canSit);
  createEffect(() => {
    if (!sitting()) return;
    const id = sessionId();
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    trpc.presence.connect
      .mutate({ sessionId: id })
      .then(({ heartbeatSeconds }) => {
        if (stopped) return;
        timer = setInterval(
          () => void trpc.presence.heartbeat.mutate({ sessionId: id }).catch(() => {}),
          heartbeatSeconds * 1000,
        );
      })
      // Not allowed at the table (yet): the page still works, without presence.
      .catch(() => {});
    const leave = () => void trpc.presence.disconnect.mutate({ sessionId: id }).catch(() => {});
    window.addEventListener("pagehide", leave);
    onCleanup(() => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener("pagehide", leave);
      leave();
    });
  });
}
