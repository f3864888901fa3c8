// Your settings: name and time zone (emails give times in it), email address (confirmed
// by a link), password, how each kind of notification reaches you, and your data
// (download it, or close the account).
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { LIMITS } from "../../src/input-limits.ts";
import { TYPE_LABELS } from "../../src/notifications/notice-text.ts";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError, Field, Form } from "../components/Field.tsx";
import { YourData } from "../components/YourData.tsx";
import { actionError, fieldError } from "../lib/errors.ts";
import { accountKey, meKey } from "../lib/me.ts";
import { trpc } from "../trpc.ts";

export default function Settings() {
  const account = useQuery(() => ({ queryKey: accountKey, queryFn: () => trpc.account.get.query() }));
  return (
    <section>
      <h1 tabindex="-1">Settings</h1>
      <Show when={account.data} fallback={<p aria-busy="true">Loading…</p>}>
        {(current) => (
          <>
            <Profile displayName={current().displayName} timeZone={current().timeZone} />
            <EmailAddress email={current().email} verified={current().emailVerified} />
            <Password />
            <Notifications emailVerified={current().emailVerified} />
            <YourData />
          </>
        )}
      </Show>
    </section>
  );
}

function useAccountUpdate<T>(mutate: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: mutate,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: accountKey });
      void queryClient.invalidateQueries({ queryKey: meKey });
    },
  }));
}

function Profile(props: { displayName: string; timeZone: string }) {
  const [displayName, setDisplayName] = createSignal(props.displayName);
  const [timeZone, setTimeZone] = createSignal(props.timeZone);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = ["UTC", ...Intl.supportedValuesOf("timeZone")];
  const save = useAccountUpdate(() =>
    trpc.account.updateProfile.mutate({ displayName: displayName(), timeZone: timeZone() }),
  );
  return (
    <Form class="card gap-above" onSubmit={() => save.mutateAsync(undefined)} aria-label="Profile">
      <h2 id="profile-heading">Profile</h2>
      <Field
        label="Your name"
        name="displayName"
        maxlength={LIMITS.displayName}
        autocomplete="nickname"
        value={displayName()}
        onInput={(e) => setDisplayName(e.currentTarget.value)}
        error={fieldError(save.error, "displayName")}
      />
      <div class="field">
        <label for="field-timeZone">Time zone for emails</label>
        <select
          id="field-timeZone"
          aria-describedby="hint-timeZone"
          onChange={(e) => setTimeZone(e.currentTarget.value)}
        >
          <For each={zones}>
            {(zone) => (
              <option value={zone} selected={zone === timeZone()}>
                {zone.replaceAll("_", " ")}
              </option>
            )}
          </For>
        </select>
        <small id="hint-timeZone" class="muted">
          <Show when={browserZone !== timeZone()} fallback="This device is in the same zone.">
            This device is in {browserZone.replaceAll("_", " ")}.{" "}
            <button type="button" class="link" onClick={() => setTimeZone(browserZone)}>
              Use it
            </button>
          </Show>
        </small>
      </div>
      <ActionError message={actionError(save.error, ["displayName", "timeZone"])} />
      <div class="row">
        <BusyButton type="submit" busy={save.isPending}>
          Save profile
        </BusyButton>
        <Show when={save.isSuccess && !save.isPending}>
          <span role="status">Saved.</span>
        </Show>
      </div>
    </Form>
  );
}

function EmailAddress(props: { email: string; verified: boolean }) {
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const change = useAccountUpdate(() => trpc.account.changeEmail.mutate({ email: email(), password: password() }));
  const resend = useMutation(() => ({ mutationFn: () => trpc.account.resendVerification.mutate() }));
  return (
    <section class="card gap-above" aria-labelledby="email-heading">
      <h2 id="email-heading">Email address</h2>
      <p>
        <strong>{props.email}</strong>{" "}
        <Show when={props.verified} fallback={<span class="badge">not confirmed yet</span>}>
          <span class="muted">(confirmed)</span>
        </Show>
      </p>
      <Show when={!props.verified}>
        <p>Quorum emails you only once you confirm the address with the link it sent you.</p>
        <div class="row">
          <BusyButton type="button" class="secondary" busy={resend.isPending} onClick={() => resend.mutate()}>
            Send the link again
          </BusyButton>
          <Show when={resend.data}>{(sent) => <span role="status">Sent to {sent().sentTo}.</span>}</Show>
        </div>
        <ActionError message={actionError(resend.error)} />
      </Show>
      <details class="gap-above">
        <summary>Change your address</summary>
        <Form
          aria-label="Change your address"
          onSubmit={() =>
            change.mutateAsync(undefined).then(() => {
              setEmail("");
              setPassword("");
            })
          }
        >
          <Field
            label="New address"
            name="email"
            type="email"
            autocomplete="email"
            value={email()}
            onInput={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(change.error, "email")}
          />
          <Field
            label="Your password"
            name="password"
            type="password"
            autocomplete="current-password"
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
            error={fieldError(change.error, "password")}
          />
          <ActionError message={actionError(change.error, ["email", "password"])} />
          <BusyButton type="submit" busy={change.isPending}>
            Change address
          </BusyButton>
          <Show when={change.isSuccess}>
            <p role="status">Check your new inbox: the link there confirms the address.</p>
          </Show>
        </Form>
      </details>
    </section>
  );
}

function Password() {
  const [currentPassword, setCurrentPassword] = createSignal("");
  const [newPassword, setNewPassword] = createSignal("");
  const change = useMutation(() => ({
    mutationFn: () =>
      trpc.account.changePassword.mutate({ currentPassword: currentPassword(), newPassword: newPassword() }),
    onSuccess: () => {
      setCurrentPassword("");
      setNewPassword("");
    },
  }));
  return (
    <Form class="card gap-above" onSubmit={() => change.mutateAsync()} aria-label="Password">
      <h2 id="password-heading">Password</h2>
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autocomplete="current-password"
        value={currentPassword()}
        onInput={(e) => setCurrentPassword(e.currentTarget.value)}
        error={fieldError(change.error, "currentPassword")}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        maxlength={LIMITS.password.max}
        autocomplete="new-password"
        hint="At least 10 characters, hard to guess. Your other devices are signed out."
        value={newPassword()}
        onInput={(e) => setNewPassword(e.currentTarget.value)}
        error={fieldError(change.error, "newPassword")}
      />
      <ActionError message={actionError(change.error, ["currentPassword", "newPassword"])} />
      <div class="row">
        <BusyButton type="submit" busy={change.isPending}>
          Change password
        </BusyButton>
        <Show when={change.isSuccess}>
          <span role="status">Password changed; your other devices are signed out.</span>
        </Show>
      </div>
    </Form>
  );
}

function Notifications(props: { emailVerified: boolean }) {
  const queryClient = useQueryClient();
  const preferences = useQuery(() => ({
    queryKey: ["notification.preferences"],
    queryFn: () => trpc.notification.preferences.query(),
  }));
  const set = useMutation(() => ({
    mutationFn: (input: Parameters<typeof trpc.notification.setPreference.mutate>[0]) =>
      trpc.notification.setPreference.mutate(input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["notification.preferences"] }),
  }));
  // A refused change puts the box back as it was (the refetched data may not differ).
  const toggle = (box: HTMLInputElement, input: Parameters<typeof set.mutate>[0]) =>
    set.mutate(input, {
      onError: () => {
        box.checked = !box.checked;
      },
    });
  return (
    <section class="card gap-above" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">Notifications</h2>
      <Show when={!props.emailVerified}>
        <p class="muted">Emails start once your address is confirmed.</p>
      </Show>
      <table class="preferences">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">In Quorum</th>
            <th scope="col">By email</th>
          </tr>
        </thead>
        <tbody>
          <For each={preferences.data}>
            {(preference) => (
              <tr>
                <th scope="row">{TYPE_LABELS[preference.type]}</th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${TYPE_LABELS[preference.type]}: in Quorum`}
                    checked={preference.inApp}
                    onChange={(e) => toggle(e.currentTarget, { type: preference.type, inApp: e.currentTarget.checked })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${TYPE_LABELS[preference.type]}: by email`}
                    checked={preference.email}
                    onChange={(e) => toggle(e.currentTarget, { type: preference.type, email: e.currentTarget.checked })}
                  />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <ActionError message={actionError(set.error)} />
    </section>
  );
}
