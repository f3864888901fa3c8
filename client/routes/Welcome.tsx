// Where the sign-up email's link lands: choose a password, which finishes the account
// and signs in, then on to where sign-up started (?next=, such as a join link).
import { useNavigate, useSearchParams } from "@solidjs/router";
import { useMutation, useQueryClient } from "@tanstack/solid-query";
import { createSignal } from "solid-js";
import { LIMITS } from "../../src/input-limits.ts";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError, Field, Form } from "../components/Field.tsx";
import { actionError, fieldError } from "../lib/errors.ts";
import { meKey } from "../lib/me.ts";
import { sitePath } from "../lib/site-path.ts";
import { trpc } from "../trpc.ts";

export default function Welcome() {
  const [params] = useSearchParams<{ token?: string; next?: string }>();
  const [password, setPassword] = createSignal("");
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const finish = useMutation(() => ({
    mutationFn: () => trpc.auth.finishSignUp.mutate({ token: params.token ?? "", password: password() }),
    onSuccess: (user) => {
      queryClient.setQueryData(meKey, user);
      navigate(sitePath(params.next) ?? "/", { replace: true });
    },
  }));
  return (
    <section class="card narrow">
      <h1 tabindex="-1">Welcome to Quorum</h1>
      <p>Choose a password to finish creating your account.</p>
      <Form aria-label="Finish creating your account" onSubmit={() => finish.mutateAsync()}>
        <Field
          label="Password"
          name="password"
          type="password"
          maxlength={LIMITS.password.max}
          autocomplete="new-password"
          hint="At least 10 characters, hard to guess: a few uncommon words work well."
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
          error={fieldError(finish.error, "password")}
        />
        <ActionError message={actionError(finish.error, ["password"])} />
        <BusyButton type="submit" busy={finish.isPending}>
          Create my account
        </BusyButton>
      </Form>
    </section>
  );
}
