// Personal API tokens for scripts: shown once when created, then only their prefix.
// Also where you sign out on every device.
import { useNavigate } from "@solidjs/router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { LIMITS } from "../../src/input-limits.ts";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError, Field, Form } from "../components/Field.tsx";
import { actionError, fieldError } from "../lib/errors.ts";
import { announceSignedOut } from "../lib/signed-out.ts";
import { formatDateTime } from "../lib/time.ts";
import { trpc } from "../trpc.ts";

export default function ApiTokens() {
  const queryClient = useQueryClient();
  const tokens = useQuery(() => ({ queryKey: ["apiToken.list"], queryFn: () => trpc.apiToken.list.query() }));
  const [name, setName] = createSignal("");
  const [expiresInDays, setExpiresInDays] = createSignal<number | null>(90);
  const [copied, setCopied] = createSignal(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["apiToken.list"] });
  const create = useMutation(() => ({
    mutationFn: () => trpc.apiToken.create.mutate({ name: name(), expiresInDays: expiresInDays() }),
    onSuccess: () => {
      setName("");
      setCopied(false);
      void refresh();
    },
  }));
  const revoke = useMutation(() => ({
    mutationFn: (tokenId: string) => trpc.apiToken.revoke.mutate({ tokenId }),
    onSuccess: refresh,
  }));
  return (
    <section>
      <h1 tabindex="-1">Your account</h1>
      <CalendarFeed />
      <SignOutEverywhere />
      <section class="gap-above-lg" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">API tokens, for scripts</h2>
        <p>
          Scripts use a token to act as you: <code>QUORUM_TOKEN=… npx tsx scripts/sessions.ts list</code>. Revoke a
          token and it stops working at once.
        </p>
        <Form class="card" onSubmit={() => create.mutate()}>
          <Field
            label="Token name"
            maxlength={LIMITS.tokenName}
            name="name"
            hint="What will use it, e.g. “season planner”."
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
            error={fieldError(create.error, "name")}
          />
          <div class="field">
            <label for="field-expiresInDays">Expires</label>
            <select
              id="field-expiresInDays"
              onChange={(e) => setExpiresInDays(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
            >
              <option value="30">In 30 days</option>
              <option value="90" selected>
                In 90 days
              </option>
              <option value="365">In a year</option>
              <option value="">Never (until revoked)</option>
            </select>
          </div>
          <ActionError message={actionError(create.error, ["name"])} />
          <BusyButton type="submit" busy={create.isPending}>
            Create a token
          </BusyButton>
        </Form>
        <Show when={create.data}>
          {(created) => (
            <div class="card" role="status">
              <p>
                <strong>Copy your new token now: it will not be shown again.</strong>
              </p>
              <p class="row">
                <code data-testid="new-token" class="break-anywhere">
                  {created().token}
                </code>
                <button
                  type="button"
                  class="secondary"
                  onClick={() => navigator.clipboard.writeText(created().token).then(() => setCopied(true))}
                >
                  {copied() ? "Copied" : "Copy"}
                </button>
              </p>
            </div>
          )}
        </Show>
        <For each={tokens.data} fallback={<p class="muted">No tokens yet.</p>}>
          {(t) => (
            <article class="card spread">
              <span>
                <strong>{t.name}</strong> <code>{t.prefix}…</code>
                <br />
                <small class="muted">
                  Created {formatDateTime(t.createdAt)}
                  {t.lastUsedAt ? ` · last used ${formatDateTime(t.lastUsedAt)}` : " · never used"}
                  {t.expiresAt ? ` · expires ${formatDateTime(t.expiresAt)}` : " · never expires"}
                </small>
              </span>
              <button type="button" class="danger" onClick={() => revoke.mutate(t.id)}>
                Revoke <span class="visually-hidden">{t.name}</span>
              </button>
            </article>
          )}
        </For>
        <ActionError message={actionError(revoke.error)} />
      </section>
    </section>
  );
}

/** The personal calendar feed: a secret link calendar programs subscribe to. */
function CalendarFeed() {
  const queryClient = useQueryClient();
  const active = useQuery(() => ({
    queryKey: ["calendar.feedActive"],
    queryFn: () => trpc.calendar.feedActive.query(),
  }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["calendar.feedActive"] });
  const rotate = useMutation(() => ({ mutationFn: () => trpc.calendar.rotateFeedUrl.mutate(), onSuccess: refresh }));
  const revoke = useMutation(() => ({
    mutationFn: () => trpc.calendar.revokeFeedUrl.mutate(),
    onSuccess: () => {
      rotate.reset();
      void refresh();
    },
  }));
  const webcal = (url: string) => url.replace(/^https?:/, "webcal:");
  return (
    <div class="card gap-above-lg" id="calendar">
      <h2>Your sessions in your calendar</h2>
      <p>
        A private link your calendar program subscribes to: every session you host, sit in or wait for, kept up to date.
        Anyone with the link sees them, so keep it to yourself.
      </p>
      <Show when={rotate.data}>
        {(feed) => (
          <div role="status">
            <p>
              <strong>Your new link (it will not be shown again):</strong>
            </p>
            <p>
              <code data-testid="feed-url" class="break-anywhere">
                {feed().url}
              </code>
            </p>
            <p class="row">
              <a class="button" href={webcal(feed().url)}>
                Subscribe in your calendar
              </a>
              <button type="button" class="secondary" onClick={() => navigator.clipboard.writeText(feed().url)}>
                Copy the link
              </button>
            </p>
          </div>
        )}
      </Show>
      <p class="row">
        <button type="button" class={active.data ? "secondary" : ""} onClick={() => rotate.mutate()}>
          {active.data ? "Get a new link (the old one stops working)" : "Get my calendar link"}
        </button>
        <Show when={active.data}>
          <button type="button" class="danger-quiet" onClick={() => revoke.mutate()}>
            Stop the link
          </button>
        </Show>
      </p>
      <Show when={active.data === false && !rotate.data}>
        <p class="muted">You have no calendar link now.</p>
      </Show>
      <ActionError message={actionError(rotate.error ?? revoke.error)} />
    </div>
  );
}

function SignOutEverywhere() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation(() => ({
    mutationFn: () => trpc.auth.signOutEverywhere.mutate(),
    onSuccess: () => {
      announceSignedOut();
      queryClient.clear();
      navigate("/sign-in");
    },
  }));
  const confirmAndSignOut = () => {
    if (window.confirm("Sign out on every device, this one included?")) signOut.mutate();
  };
  return (
    <div class="card gap-above-lg">
      <h2>Signed in somewhere you should not be?</h2>
      <p>
        Sign out everywhere ends your sign-in on every device and browser, this one included. Tokens keep working until
        you revoke them.
      </p>
      <BusyButton type="button" class="secondary" onClick={confirmAndSignOut} busy={signOut.isPending}>
        Sign out everywhere
      </BusyButton>
      <ActionError message={actionError(signOut.error)} />
    </div>
  );
}
