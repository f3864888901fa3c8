// For admins: the emails and Discord posts Quorum could not send, and why; each can be
// sent again once the cause is fixed. The other tabs show what is waiting or went out.
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { ActionError } from "../components/Field.tsx";
import { actionError } from "../lib/errors.ts";
import { useMe } from "../lib/me.ts";
import { formatDateTime } from "../lib/time.ts";
import { trpc } from "../trpc.ts";

const STATUSES = [
  { status: "failed", label: "Could not be sent" },
  { status: "pending", label: "Waiting" },
  { status: "sent", label: "Sent" },
  { status: "skipped", label: "Not worth sending any more" },
] as const;
type Status = (typeof STATUSES)[number]["status"];

export default function OutgoingMessages() {
  const me = useMe();
  const queryClient = useQueryClient();
  const [status, setStatus] = createSignal<Status>("failed");
  const messages = useQuery(() => ({
    queryKey: ["outgoing.list", status()],
    queryFn: () => trpc.outgoing.list.query({ status: status() }),
    enabled: me.data?.role === "admin",
  }));
  const retry = useMutation(() => ({
    mutationFn: (messageId: string) => trpc.outgoing.retry.mutate({ messageId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["outgoing.list"] }),
  }));
  return (
    <section>
      <h1 tabindex="-1">Outgoing email and Discord posts</h1>
      <Show when={me.data?.role === "admin"} fallback={<p>Only admins see what Quorum sends.</p>}>
        <fieldset class="row plain">
          <legend class="visually-hidden">Show</legend>
          <For each={STATUSES}>
            {(option) => (
              <button
                type="button"
                class={option.status === status() ? "" : "secondary"}
                aria-pressed={option.status === status()}
                onClick={() => setStatus(option.status)}
              >
                {option.label}
              </button>
            )}
          </For>
        </fieldset>
        <ActionError message={actionError(messages.error ?? retry.error)} />
        <For each={messages.data?.items} fallback={<p class="muted gap-above">Nothing here.</p>}>
          {(message) => (
            <article class="card gap-above">
              <p>
                <strong>{message.subject}</strong>
                <br />
                <small class="muted">
                  {message.channel === "email" ? "Email to" : "Discord post to"} {message.recipient} · queued{" "}
                  {formatDateTime(message.createdAt)} · {message.attempts}{" "}
                  {message.attempts === 1 ? "attempt" : "attempts"}
                </small>
              </p>
              <Show when={message.lastError}>
                <p class="break-anywhere">{message.lastError}</p>
              </Show>
              <Show when={message.status === "failed"}>
                <button type="button" class="secondary" onClick={() => retry.mutate(message.id)}>
                  Send again
                </button>
              </Show>
            </article>
          )}
        </For>
      </Show>
    </section>
  );
}
