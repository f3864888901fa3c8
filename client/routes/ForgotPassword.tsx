// Asks for a reset link by email. The answer is the same whether or not the address
// has an account, so this page cannot be used to find out who uses Quorum.
import { A } from "@solidjs/router";
import { useMutation } from "@tanstack/solid-query";
import { createSignal, Show } from "solid-js";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError, Field, Form } from "../components/Field.tsx";
import { actionError, fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";

export default function ForgotPassword() {
  const [email, setEmail] = createSignal("");
  const request = useMutation(() => ({
    mutationFn: () => trpc.account.requestPasswordReset.mutate({ email: email() }),
  }));
  return (
    <section class="card narrow">
      <h1 tabindex="-1">Forgot your password?</h1>
      <Show
        when={request.data}
        fallback={
          <Form aria-label="Ask for a reset link" onSubmit={() => request.mutateAsync()}>
            <p>Enter your account's email address, and we will email you a link to choose a new password.</p>
            <Field
              label="Email"
              name="email"
              type="email"
              autocomplete="email"
              value={email()}
              onInput={(e) => setEmail(e.currentTarget.value)}
              error={fieldError(request.error, "email")}
            />
            <ActionError message={actionError(request.error, ["email"])} />
            <BusyButton type="submit" busy={request.isPending}>
              Send me a link
            </BusyButton>
          </Form>
        }
      >
        {(sent) => <p role="status">{sent().message}</p>}
      </Show>
      <p class="gap-above">
        <A href="/sign-in">Back to sign in</A>
      </p>
    </section>
  );
}
