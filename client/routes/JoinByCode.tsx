// /join/:code, from a shared link or a scanned QR code: shows the session and joins
// it in one tap. Signed-out visitors sign in first and come straight back here.
import { A, useNavigate, useParams } from "@solidjs/router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createMemo, Show } from "solid-js";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError } from "../components/Field.tsx";
import { actionError } from "../lib/errors.ts";
import { useMe } from "../lib/me.ts";
import { formatDateTime, playersNeededLine } from "../lib/time.ts";
import { trpc } from "../trpc.ts";

export default function JoinByCode() {
  const params = useParams<{ code: string }>();
  const session = useQuery(() => ({
    queryKey: ["session.byJoinCode", params.code],
    queryFn: () => trpc.session.byJoinCode.query({ code: params.code }),
  }));
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const participants = useQuery(() => ({
    queryKey: ["participant.list", session.data?.id],
    queryFn: () => trpc.participant.list.query({ sessionId: session.data?.id ?? "" }),
    enabled: !!session.data,
  }));
  // Already in it (a second visit, or Back after joining): no second Join, a way on.
  const myPlace = createMemo(
    () => participants.data?.find((p) => p.userId === me.data?.id && p.status !== "left") ?? null,
  );
  const join = useMutation(() => ({
    mutationFn: () => trpc.participant.joinByCode.mutate({ code: params.code }),
    onSuccess: async (joined) => {
      await queryClient.invalidateQueries();
      // Straight to the session; Back then skips this page rather than offering Join again.
      navigate(`/sessions/${joined.gameSessionId}`, { replace: true });
    },
  }));
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
              when={myPlace()}
              fallback={
                <BusyButton type="button" busy={join.isPending} onClick={() => join.mutate()}>
                  {s().openSeats > 0 ? "Join this session" : "Join the waitlist"}
                </BusyButton>
              }
            >
              {(place) => (
                <p role="status" data-testid="already-in">
                  {place().status === "waitlisted"
                    ? `You are number ${place().waitlistPosition} on its waitlist.`
                    : "You are in this session."}{" "}
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
