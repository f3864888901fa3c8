// /join/:code, from a shared link or a scanned QR code: shows the session and joins
// it in one tap. A signed-out visitor sees the session too, and signs up or in first,
// then comes straight back here.
import { A, useNavigate, useParams } from "@solidjs/router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { Show } from "solid-js";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError } from "../components/Field.tsx";
import { SessionFacts, SignUpToJoin } from "../components/SessionFacts.tsx";
import { actionError } from "../lib/errors.ts";
import { useMe } from "../lib/me.ts";
import { trpc } from "../trpc.ts";

export default function JoinByCode() {
  const params = useParams<{ code: string }>();
  const me = useMe();
  const session = useQuery(() => ({
    // Per viewer: the answer says the viewer's place in the session.
    queryKey: ["session.byJoinCode", params.code, me.data?.id ?? null],
    queryFn: () => trpc.session.byJoinCode.query({ code: params.code }),
    enabled: me.isSuccess,
  }));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
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
            <SessionFacts session={s()} />
            <Show when={me.data} fallback={<SignUpToJoin next={`/join/${params.code}`} full={s().openSeats === 0} />}>
              {/* Already in it (a second visit, or Back after joining): no second Join, a way on. */}
              <Show
                when={s().myPlace}
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
