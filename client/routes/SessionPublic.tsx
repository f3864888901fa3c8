// A session's page for a signed-out visitor (a public session, from the front page, a
// search or a shared link): what, when in their time zone, where, seats and GM. Who is
// playing is for signed-in people; Join asks for an account, then comes back here.
import { useParams } from "@solidjs/router";
import { useQuery } from "@tanstack/solid-query";
import { Show } from "solid-js";
import { StatusBadge } from "../components/SessionCard.tsx";
import { SessionFacts, SessionLoading, SignUpToJoin } from "../components/SessionFacts.tsx";
import { trpc } from "../trpc.ts";

export default function SessionPublic() {
  const params = useParams<{ id: string }>();
  const session = useQuery(() => ({
    queryKey: ["session.byId", params.id],
    queryFn: () => trpc.session.byId.query({ sessionId: params.id }),
  }));
  return (
    <Show when={session.data} fallback={<SessionLoading error={session.error} />}>
      {(s) => (
        <article>
          <div class="spread">
            <h1 tabindex="-1">{s().title}</h1>
            <Show when={s().status !== "scheduled"}>
              <StatusBadge status={s().status} />
            </Show>
          </div>
          <section class="card" aria-label="Details">
            <SessionFacts session={s()} />
            <Show when={s().status === "scheduled"}>
              <SignUpToJoin next={`/sessions/${s().id}`} full={s().openSeats === 0} />
            </Show>
          </section>
          <p class="muted">Signed in, you also see who is playing.</p>
        </article>
      )}
    </Show>
  );
}
