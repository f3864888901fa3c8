// The account's own data, in the person's hands: download all of it, or close the
// account for good (after the password, and a last look at what it means).
import { useMutation } from "@tanstack/solid-query";
import { createSignal, Show } from "solid-js";
import { saveFile } from "../lib/download.ts";
import { actionError, fieldError } from "../lib/errors.ts";
import { announceSignedOut, leavingOnPurpose } from "../lib/signed-out.ts";
import { trpc } from "../trpc.ts";
import { BusyButton } from "./BusyButton.tsx";
import { ActionError, Field, Form } from "./Field.tsx";

export function YourData() {
  const download = useMutation(() => ({
    mutationFn: () => trpc.account.export.query(),
    onSuccess: (data) => {
      const day = data.exportedAt.toISOString().slice(0, 10);
      saveFile(`quorum-data-${day}.json`, JSON.stringify(data, null, 2), "application/json");
    },
  }));
  return (
    <section class="card gap-above" aria-labelledby="data-heading">
      <h2 id="data-heading">Your data</h2>
      <p>
        Everything Quorum holds about you, in one file: your account, sessions, seats, characters, answers and
        notifications.
      </p>
      <BusyButton type="button" class="secondary" busy={download.isPending} onClick={() => download.mutate()}>
        Download my data
      </BusyButton>
      <Show when={download.isSuccess}>
        <p role="status">Your data is in your downloads.</p>
      </Show>
      <ActionError message={actionError(download.error)} />
      <CloseAccount />
    </section>
  );
}

function CloseAccount() {
  const [password, setPassword] = createSignal("");
  const close = useMutation(() => ({
    mutationFn: () => {
      // The server ends this tab's live streams as it closes the account: not a lost sign-in.
      leavingOnPurpose(true);
      return trpc.account.close.mutate({ password: password() });
    },
    onError: () => leavingOnPurpose(false),
    onSuccess: () => {
      announceSignedOut();
      // A full load: nothing of the account stays in this tab.
      window.location.assign("/?closed=1");
    },
  }));
  return (
    <details class="gap-above-lg">
      <summary>Close my account</summary>
      <Form aria-label="Close my account" onSubmit={() => close.mutateAsync()}>
        <p>
          This cannot be undone. Your sessions still to come are cancelled and their players told; your campaigns go to
          an admin; your seats go to the next on each waitlist. Session records keep what happened, with you as “Former
          member”. Your address, name, password and tokens are deleted.
        </p>
        <Field
          label="Account password, to confirm"
          name="closePassword"
          type="password"
          autocomplete="current-password"
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
          error={fieldError(close.error, "password")}
        />
        <ActionError message={actionError(close.error, ["password"])} />
        <BusyButton type="submit" class="danger" busy={close.isPending}>
          Close my account for good
        </BusyButton>
      </Form>
    </details>
  );
}
