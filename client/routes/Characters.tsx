// My characters: who I bring to the table.
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { LIMITS } from "../../src/input-limits.ts";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError, Field, Form, TextArea } from "../components/Field.tsx";
import { actionError, fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";

export default function Characters() {
  const queryClient = useQueryClient();
  const characters = useQuery(() => ({
    queryKey: ["character.listMine"],
    queryFn: () => trpc.character.listMine.query(),
  }));
  const campaigns = useQuery(() => ({
    queryKey: ["campaign.listMine"],
    queryFn: () => trpc.campaign.listMine.query(),
  }));
  const [name, setName] = createSignal("");
  const [description, setDescription] = createSignal("");
  const [campaignId, setCampaignId] = createSignal("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["character.listMine"] });
  const create = useMutation(() => ({
    mutationFn: () =>
      trpc.character.create.mutate({ name: name(), description: description(), campaignId: campaignId() || null }),
    onSuccess: () => {
      setName("");
      setDescription("");
      void refresh();
    },
  }));
  const remove = useMutation(() => ({
    mutationFn: (characterId: string) => trpc.character.delete.mutate({ characterId }),
    onSuccess: refresh,
  }));
  return (
    <section>
      <h1 tabindex="-1">My characters</h1>
      <For each={characters.data} fallback={<p class="muted">No characters yet.</p>}>
        {(c) => (
          <article class="card">
            <div class="spread">
              <strong>{c.name}</strong>
              <button type="button" class="link" onClick={() => remove.mutate(c.id)}>
                Delete <span class="visually-hidden">{c.name}</span>
              </button>
            </div>
            <Show when={c.campaign}>{(camp) => <p class="muted flush">{camp().title}</p>}</Show>
            <Show when={c.description}>
              <p class="flush">{c.description}</p>
            </Show>
          </article>
        )}
      </For>
      <ActionError message={actionError(remove.error)} />
      <Form class="card" onSubmit={() => create.mutate()}>
        <h2>New character</h2>
        <Field
          label="Name"
          maxlength={LIMITS.characterName}
          name="name"
          value={name()}
          onInput={(e) => setName(e.currentTarget.value)}
          error={fieldError(create.error, "name")}
        />
        <TextArea
          label="Short description"
          maxlength={LIMITS.characterDescription}
          name="description"
          rows={2}
          value={description()}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
        <div class="field">
          <label for="field-character-campaign">Campaign</label>
          <select id="field-character-campaign" onChange={(e) => setCampaignId(e.currentTarget.value)}>
            <option value="">None</option>
            <For each={campaigns.data}>{(c) => <option value={c.id}>{c.title}</option>}</For>
          </select>
        </div>
        <ActionError message={actionError(create.error, ["name"])} />
        <BusyButton type="submit" busy={create.isPending}>
          Create the character
        </BusyButton>
      </Form>
    </section>
  );
}
