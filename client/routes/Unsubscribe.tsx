// Where an email's "stop these emails" link lands, signed in or not. It asks before it
// acts: link scanners open links, and must not unsubscribe anyone by doing so.
import { A, useSearchParams } from "@solidjs/router";
import { useMutation } from "@tanstack/solid-query";
import { Show } from "solid-js";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError } from "../components/Field.tsx";
import { actionError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";

export default function Unsubscribe() {
  const [params] = useSearchParams<{ token?: string }>();
  const stop = useMutation(() => ({
    mutationFn: () => trpc.notification.unsubscribe.mutate({ token: params.token ?? "" }),
  }));
  return (
    <section class="card narrow">
      <h1 tabindex="-1">Stop these emails</h1>
      <Show
        when={stop.data}
        fallback={
          <>
            <p>Stop the emails of this kind? You still see them in Quorum's inbox.</p>
            <BusyButton type="button" busy={stop.isPending} onClick={() => stop.mutate()}>
              Stop these emails
            </BusyButton>
          </>
        }
      >
        {(done) => <p role="status">{done().message}</p>}
      </Show>
      <ActionError message={actionError(stop.error)} />
      <p class="gap-above">
        <A href="/settings">All your notification settings</A> (after signing in).
      </p>
    </section>
  );
}
