// Sign in, or start an account, then go back where you were headed (?next=). A new
// account is finished from the emailed link (Welcome.tsx), which asks for the password.
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { useMutation, useQueryClient } from "@tanstack/solid-query";
import { createSignal, Match, Show, Switch } from "solid-js";
import { LIMITS } from "../../src/input-limits.ts";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError, Field, Form } from "../components/Field.tsx";
import { actionError, fieldError } from "../lib/errors.ts";
import { meKey } from "../lib/me.ts";
import { sitePath } from "../lib/site-path.ts";
import { trpc } from "../trpc.ts";

export default function SignIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams<{ next?: string; new?: string }>();
  // "Create an account" and "Sign up to join" arrive with ?new=1.
  const [creating, setCreating] = createSignal(params.new === "1");
  const [form, setForm] = createSignal({ email: "", password: "", displayName: "" });
  const set = (key: "email" | "password" | "displayName") => (e: { currentTarget: HTMLInputElement }) =>
    setForm({ ...form(), [key]: e.currentTarget.value });

  const signIn = useMutation(() => ({
    mutationFn: () => trpc.auth.signIn.mutate({ email: form().email, password: form().password }),
    onSuccess: (user) => {
      queryClient.setQueryData(meKey, user);
      navigate(sitePath(params.next) ?? "/", { replace: true });
    },
  }));
  const signUp = useMutation(() => ({
    mutationFn: () =>
      trpc.auth.signUp.mutate({
        email: form().email,
        displayName: form().displayName,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        returnTo: sitePath(params.next),
      }),
  }));
  const submit = () => (creating() ? signUp : signIn);
  const toggle = () => {
    signIn.reset();
    signUp.reset();
    setCreating(!creating());
  };

  return (
    <section class="card narrow">
      <Switch>
        <Match when={signUp.data}>
          {(sent) => (
            <>
              <h1 tabindex="-1">Almost there</h1>
              <p role="status">{sent().message}</p>
              <p class="muted">
                The link works for 24 hours. Nothing there? Look in your spam folder, or{" "}
                <BusyButton type="button" class="link" busy={signUp.isPending} onClick={() => signUp.mutate()}>
                  send it again
                </BusyButton>
                .
              </p>
              <ActionError message={actionError(signUp.error)} />
            </>
          )}
        </Match>
        <Match when={true}>
          <h1 tabindex="-1">{creating() ? "Create your account" : "Sign in"}</h1>
          <Show when={/^\/(join|sessions)\//.test(params.next ?? "")}>
            <p class="muted">
              {creating()
                ? "Once your account is ready, you come straight back to the session to join it."
                : "Sign in to join the session: you come straight back to it."}
            </p>
          </Show>
          <Form onSubmit={() => submit().mutate()}>
            <Show when={creating()}>
              <Field
                label="Your name"
                maxlength={LIMITS.displayName}
                name="displayName"
                autocomplete="nickname"
                value={form().displayName}
                onInput={set("displayName")}
                error={fieldError(signUp.error, "displayName")}
              />
            </Show>
            <Field
              label="Email"
              name="email"
              type="email"
              autocomplete="email"
              hint={creating() ? "We send you a link there to choose your password." : undefined}
              value={form().email}
              onInput={set("email")}
              error={fieldError(submit().error, "email")}
            />
            <Show when={!creating()}>
              <Field
                label="Password"
                maxlength={LIMITS.password.max}
                name="password"
                type="password"
                autocomplete="current-password"
                value={form().password}
                onInput={set("password")}
                error={fieldError(signIn.error, "password")}
              />
            </Show>
            <ActionError message={actionError(submit().error, ["email", "password", "displayName"])} />
            <div class="row">
              <BusyButton type="submit" busy={submit().isPending}>
                {creating() ? "Create account" : "Sign in"}
              </BusyButton>
              <button type="button" class="secondary" onClick={toggle}>
                {creating() ? "I already have an account" : "Create an account"}
              </button>
            </div>
          </Form>
          <Show when={!creating()}>
            <p class="gap-above">
              <A href="/forgot-password">Forgot your password?</A>
            </p>
          </Show>
        </Match>
      </Switch>
    </section>
  );
}
