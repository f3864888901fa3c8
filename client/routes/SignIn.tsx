// Sign in or create an account, then go back where you were headed (?next=).
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { useMutation, useQueryClient } from "@tanstack/solid-query";
import { createSignal, Show } from "solid-js";
import { LIMITS } from "../../src/input-limits.ts";
import { ActionError, Field, Form } from "../components/Field.tsx";
import { actionError, fieldError } from "../lib/errors.ts";
import { meKey } from "../lib/me.ts";
import { trpc } from "../trpc.ts";

export default function SignIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams<{ next?: string }>();
  const [creating, setCreating] = createSignal(false);
  const [form, setForm] = createSignal({ email: "", password: "", displayName: "" });
  const set = (key: "email" | "password" | "displayName") => (e: { currentTarget: HTMLInputElement }) =>
    setForm({ ...form(), [key]: e.currentTarget.value });

  const submit = useMutation(() => ({
    mutationFn: () =>
      creating()
        ? trpc.auth.signUp.mutate({ ...form(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone })
        : trpc.auth.signIn.mutate({ email: form().email, password: form().password }),
    onSuccess: async (user) => {
      queryClient.setQueryData(meKey, user);
      // Only paths on this site, never an address elsewhere.
      const next = params.next?.startsWith("/") && !params.next.startsWith("//") ? params.next : "/";
      navigate(next, { replace: true });
    },
  }));

  return (
    <section class="card narrow">
      <h1 tabindex="-1">{creating() ? "Create your account" : "Sign in"}</h1>
      <Show when={params.next?.startsWith("/join/")}>
        <p class="muted">Sign in to join the session you were invited to.</p>
      </Show>
      <Form onSubmit={() => submit.mutate()}>
        <Show when={creating()}>
          <Field
            label="Your name"
            maxlength={LIMITS.displayName}
            name="displayName"
            autocomplete="nickname"
            value={form().displayName}
            onInput={set("displayName")}
            error={fieldError(submit.error, "displayName")}
          />
        </Show>
        <Field
          label="Email"
          name="email"
          type="email"
          autocomplete="email"
          value={form().email}
          onInput={set("email")}
          error={fieldError(submit.error, "email")}
        />
        <Field
          label="Password"
          maxlength={LIMITS.password.max}
          name="password"
          type="password"
          autocomplete={creating() ? "new-password" : "current-password"}
          hint={creating() ? "At least 10 characters, hard to guess: a few uncommon words work well." : undefined}
          value={form().password}
          onInput={set("password")}
          error={fieldError(submit.error, "password")}
        />
        <ActionError message={actionError(submit.error, ["email", "password", "displayName"])} />
        <div class="row">
          <button type="submit" disabled={submit.isPending}>
            {creating() ? "Create account" : "Sign in"}
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              submit.reset();
              setCreating(!creating());
            }}
          >
            {creating() ? "I already have an account" : "Create an account"}
          </button>
        </div>
      </Form>
      <Show when={!creating()}>
        <p class="gap-above">
          <A href="/forgot-password">Forgot your password?</A>
        </p>
      </Show>
    </section>
  );
}
