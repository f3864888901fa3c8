// /join/:code, from a shared link or a scanned QR code: shows the session and joins
// it in one tap. Signed-out visitors sign in first and come straight back here.
import { A, useParams } from "@solidjs/router";
import { useMutation, useQuery } from "@tanstack/solid-query";
import { Show } from "solid-js";
import { ActionError } from "../components/Field.tsx";
import { actionError } from "../lib/errors.ts";
import { formatDateTime, playersNeededLine } from "../lib/time.ts";
import { trpc } from "../trpc.ts";

export default function JoinByCode() {
  const params = useParams<{ code: string }>();
  const session = useQuery(() => ({
    queryKey: ["session.byJoinCode", params.code],
    queryFn: () => trpc.session.byJoinCode.query({ code: params.code }),
  }));
  const join = useMutation(() => ({ mutationFn: () => trpc.participant.joinByCode.mutate({ code: params.code }) }));
  return (
    <section class="card narrow">
      <Show when={session.data} fallback={<Missing error={session.error} />}>
        {(s) => (
          <>
            <h1 tabindex="-1">Join “{s().title}”</h1>
            <p>
              {formatDateTime(s().startsAt)} · GM {s().host.displayName}
              <Show when={s().venue}>{(v) => <> · {v().name}</>}</Show>
            </p>
            <p>
              <span class="seats">
                {s().playerCount}/{s().maxPlayers}
              </span>{" "}
              players
            </p>
            <Show when={playersNeededLine(s(), new Date())}>{(line) => <p class="warning">{line()}</p>}</Show>
            <Show
              when={join.data}
              fallback={
                <button type="button" disabled={join.isPending} onClick={() => join.mutate()}>
                  {s().openSeats > 0 ? "Join this session" : "Join the waitlist"}
                </button>
              }
            >
              {(joined) => (
                <p role="status">
                  {joined().status === "waitlisted"
                    ? `It is full: you are number ${joined().waitlistPosition} on the waitlist.`
                    : "You are in!"}{" "}
                  <A href={`/sessions/${s().id}`}>Go to the session</A>
                </p>
              )}
            </Show>
            <ActionError message={actionError(join.error)} />
          </>
        )}
      </Show>
    </section>
  );
}

function Missing(props: { error: unknown }) {
  return (
    <Show when={props.error} fallback={<p aria-busy="true">Looking up the code…</p>}>
      <h1 tabindex="-1">No such session</h1>
      <p class="error" role="alert">
        {actionError(props.error)} Check the code with your GM.
      </p>
    </Show>
  );
}
