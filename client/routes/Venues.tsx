// Venues: where sessions happen. Anyone may add one; its creator (or an admin) edits it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { LIMITS } from "../../src/input-limits.ts";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError, Field, Form } from "../components/Field.tsx";
import { actionError, fieldError } from "../lib/errors.ts";
import { useMe } from "../lib/me.ts";
import { trpc } from "../trpc.ts";

const empty = { name: "", address: "", onlineUrl: "", notes: "" };

export default function Venues() {
  const queryClient = useQueryClient();
  const me = useMe();
  const venues = useQuery(() => ({ queryKey: ["venue.list"], queryFn: () => trpc.venue.list.query({ limit: 100 }) }));
  const [form, setForm] = createSignal(empty);
  const set = (key: keyof typeof empty) => (e: { currentTarget: HTMLInputElement }) =>
    setForm({ ...form(), [key]: e.currentTarget.value });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["venue.list"] });
  const create = useMutation(() => ({
    mutationFn: () => {
      const f = form();
      return trpc.venue.create.mutate({
        name: f.name,
        address: f.address || null,
        onlineUrl: f.onlineUrl || null,
        notes: f.notes || null,
      });
    },
    onSuccess: () => {
      setForm(empty);
      void refresh();
    },
  }));
  const remove = useMutation(() => ({
    mutationFn: (venueId: string) => trpc.venue.delete.mutate({ venueId }),
    onSuccess: refresh,
  }));
  return (
    <section>
      <h1 tabindex="-1">Venues</h1>
      <For each={venues.data?.items} fallback={<p class="muted">No venues yet.</p>}>
        {(v) => (
          <article class="card">
            <div class="spread">
              <strong>{v.name}</strong>
              <Show when={me.data && (me.data.role === "admin" || me.data.id === v.createdById)}>
                <button type="button" class="link" onClick={() => remove.mutate(v.id)}>
                  Delete <span class="visually-hidden">{v.name}</span>
                </button>
              </Show>
            </div>
            <Show when={v.address}>
              <p class="flush">{v.address}</p>
            </Show>
            <Show when={v.onlineUrl}>
              {(url) => (
                <a href={url()} rel="noopener noreferrer" target="_blank">
                  {url()}
                </a>
              )}
            </Show>
            <Show when={v.notes}>
              <p class="muted">{v.notes}</p>
            </Show>
          </article>
        )}
      </For>
      <ActionError message={actionError(remove.error)} />
      <Form class="card" onSubmit={() => create.mutate()}>
        <h2>Add a venue</h2>
        <Field
          label="Name"
          maxlength={LIMITS.venueName}
          name="name"
          value={form().name}
          onInput={set("name")}
          error={fieldError(create.error, "name")}
        />
        <Field
          label="Address"
          maxlength={LIMITS.venueAddress}
          name="address"
          value={form().address}
          onInput={set("address")}
          error={fieldError(create.error, "address")}
        />
        <Field
          label="Online link"
          maxlength={LIMITS.onlineUrl}
          name="onlineUrl"
          type="url"
          value={form().onlineUrl}
          onInput={set("onlineUrl")}
          error={fieldError(create.error, "onlineUrl")}
        />
        <Field label="Notes" maxlength={LIMITS.venueNotes} name="notes" value={form().notes} onInput={set("notes")} />
        <ActionError message={actionError(create.error, ["name", "address", "onlineUrl"])} />
        <BusyButton type="submit" busy={create.isPending}>
          Add the venue
        </BusyButton>
      </Form>
    </section>
  );
}
