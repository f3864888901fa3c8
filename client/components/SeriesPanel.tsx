// A session's series on its page: the rule in words, the coming dates, and for its GM
// "End the series" (the following dates are cancelled and their players told).
import { A } from "@solidjs/router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { actionError } from "../lib/errors.ts";
import { actionControl, focusWhenShown } from "../lib/focus.ts";
import { formatDateTime } from "../lib/time.ts";
import { trpc } from "../trpc.ts";
import { BusyButton } from "./BusyButton.tsx";
import { ActionError } from "./Field.tsx";

export function SeriesPanel(props: { sessionId: string }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = createSignal(false);
  let seriesState: HTMLParagraphElement | undefined;
  const series = useQuery(() => ({
    queryKey: ["series.ofSession", props.sessionId],
    queryFn: () => trpc.series.ofSession.query({ sessionId: props.sessionId }),
  }));
  const end = useMutation(() => ({
    mutationFn: () => trpc.series.end.mutate({ sessionId: props.sessionId }),
    onSuccess: () => {
      setConfirming(false);
      for (const key of ["series.ofSession", "session.byId", "session.list", "session.hostCap", "participant.list"]) {
        void queryClient.invalidateQueries({ queryKey: [key] });
      }
    },
  }));
  return (
    <Show when={series.data}>
      {(s) => (
        <section class="card" aria-labelledby="series-heading" data-testid="series">
          <h2 id="series-heading">Series</h2>
          <p tabindex="-1" ref={seriesState}>
            {s().endedAt && !hasDatesToCome(s().upcoming)
              ? `This series has ended: no more dates are booked (it repeated ${s().description}).`
              : `Repeats ${s().description}.`}
          </p>
          <Show when={s().upcoming.length > 0}>
            <ul class="dates">
              <For each={s().upcoming}>
                {(o) => (
                  <li>
                    <Show
                      when={o.id !== props.sessionId}
                      fallback={<strong>{formatDateTime(o.startsAt)} (this one)</strong>}
                    >
                      <A href={`/sessions/${o.id}`}>{formatDateTime(o.startsAt)}</A>
                    </Show>{" "}
                    <span class="muted">
                      {o.status === "cancelled" ? "cancelled" : `${o.playerCount}/${o.maxPlayers} players`}
                    </span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <Show when={s().canManage && hasDatesToCome(s().upcoming)}>
            <Show
              when={confirming()}
              fallback={
                <button
                  type="button"
                  class="danger-quiet"
                  data-action="end-series"
                  onClick={() => {
                    setConfirming(true);
                    focusWhenShown(actionControl("confirm-end-series"));
                  }}
                >
                  End the series…
                </button>
              }
            >
              <p tabindex="-1" data-action="confirm-end-series">
                <strong>End the series?</strong> No more dates are booked, and every date still to come is cancelled,
                its players told. Sessions already played keep their records.
              </p>
              <div class="row">
                <BusyButton
                  type="button"
                  class="danger"
                  busy={end.isPending}
                  // Once the series reads as ended, the sentence saying so takes focus.
                  onClick={() =>
                    end.mutate(undefined, {
                      onSuccess: () => focusWhenShown(() => (series.data?.endedAt ? seriesState : null)),
                    })
                  }
                >
                  Yes, end it
                </BusyButton>
                <button
                  type="button"
                  class="secondary"
                  onClick={() => {
                    setConfirming(false);
                    focusWhenShown(actionControl("end-series"));
                  }}
                >
                  Keep it
                </button>
              </div>
            </Show>
          </Show>
          <ActionError message={actionError(end.error)} />
        </section>
      )}
    </Show>
  );
}

/** A series with a date still to come can be ended (a finite one has booked all its dates). */
const hasDatesToCome = (upcoming: { status: string }[]) => upcoming.some((o) => o.status === "scheduled");
