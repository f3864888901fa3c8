// Where the reset email's link lands: choose a new password, which signs out every
// other device and signs in this one.
import { useNavigate, useSearchParams } from "@solidjs/router";
import { useMutation, useQueryClient } from "@tanstack/solid-query";
import { createSignal } from "solid-js";
import { LIMITS } from "../../src/input-limits.ts";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError, Field, Form } from "../components/Field.tsx";
import { actionError, fieldError } from "../lib/errors.ts";
import { meKey } from "../lib/me.ts";
import { trpc } from "../trpc.ts";

export default function ResetPassword() {
  const [params] = useSearchParams<{ token?: string }>();
  const [password, setPassword] = createSignal("");
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const reset = useMutation(() => ({
    mutationFn: () => trpc.account.resetPassword.mutate({ token: params.token ?? "", password: password() }),
    onSuccess: (user) => {
      queryClient.setQueryData(meKey, user);
      navigate("/", { replace: true });
    },
  }));
  return (
    <section class="card narrow">
      <h1 tabindex="-1">Choose a new password</h1>
      <Form aria-label="Your new password" onSubmit={() => reset.mutateAsync()}>
        <Field
          label="New password"
          name="password"
          type="password"
          maxlength={LIMITS.password.max}
          autocomplete="new-password"
          hint="At least 10 characters, hard to guess. Every device signed in to your account is signed out."
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
          error={fieldError(reset.error, "password")}
        />
        <ActionError message={actionError(reset.error, ["password"])} />
        <BusyButton type="submit" busy={reset.isPending}>
          Save and sign in
        </BusyButton>
      </Form>
    </section>
  );
}
