// Where the confirmation email's link lands: confirms the address at once (signed in
// or not), then says so.
import { A, useSearchParams } from "@solidjs/router";
import { useMutation, useQueryClient } from "@tanstack/solid-query";
import { onMount, Show } from "solid-js";
import { ActionError } from "../components/Field.tsx";
import { actionError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";

export default function VerifyEmail() {
  const [params] = useSearchParams<{ token?: string }>();
  const queryClient = useQueryClient();
  const verify = useMutation(() => ({
    mutationFn: () => trpc.account.verifyEmail.mutate({ token: params.token ?? "" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["account.get"] }),
  }));
  onMount(() => verify.mutate());
  return (
    <section class="card narrow">
      <h1 tabindex="-1">{verify.data ? "Email address confirmed" : "Confirm your email address"}</h1>
      <Show when={verify.isPending}>
        <p aria-busy="true">Confirming…</p>
      </Show>
      <Show when={verify.data}>
        {(done) => (
          <p role="status">
            {done().message} <A href="/">Go to your sessions</A>.
          </p>
        )}
      </Show>
      <ActionError message={actionError(verify.error)} />
    </section>
  );
}
