// My campaigns, and a form to start one.
import { A, useNavigate } from "@solidjs/router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { LIMITS } from "../../src/input-limits.ts";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError, Field, Form, TextArea } from "../components/Field.tsx";
import { actionError, fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";

export default function Campaigns() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const campaigns = useQuery(() => ({
    queryKey: ["campaign.listMine"],
    queryFn: () => trpc.campaign.listMine.query(),
  }));
  const scenarios = useQuery(() => ({
    queryKey: ["scenario.list"],
    queryFn: () => trpc.scenario.list.query({ limit: 100 }),
  }));
  const [title, setTitle] = createSignal("");
  const [description, setDescription] = createSignal("");
  const [scenarioId, setScenarioId] = createSignal("");
  const create = useMutation(() => ({
    mutationFn: () =>
      trpc.campaign.create.mutate({ title: title(), description: description(), scenarioId: scenarioId() || null }),
    onSuccess: (campaign) => {
      void queryClient.invalidateQueries({ queryKey: ["campaign.listMine"] });
      navigate(`/campaigns/${campaign.id}`);
    },
  }));
  return (
    <section>
      <h1 tabindex="-1">Campaigns</h1>
      <Show when={campaigns.data} fallback={<p aria-busy="true">Loading…</p>}>
        {(list) => (
          <Show
            when={list().length > 0}
            fallback={<p>You are in no campaign yet. Start one, or ask your GM for an invite link.</p>}
          >
            <For each={list()}>
              {(c) => (
                <article class="card">
                  <h2 class="flush">
                    <A href={`/campaigns/${c.id}`}>{c.title}</A>
                  </h2>
                  <p class="muted flush">
                    {c.myRole === "gm" ? "You run it" : `GM ${c.gm.displayName}`} · {c.memberCount} member
                    {c.memberCount === 1 ? "" : "s"}
                    <Show when={c.scenario}>{(s) => <> · {s().title}</>}</Show>
                  </p>
                </article>
              )}
            </For>
          </Show>
        )}
      </Show>
      <Form class="card" onSubmit={() => create.mutate()}>
        <h2>Start a campaign</h2>
        <Field
          label="Title"
          maxlength={LIMITS.campaignTitle}
          name="title"
          value={title()}
          onInput={(e) => setTitle(e.currentTarget.value)}
          error={fieldError(create.error, "title")}
        />
        <TextArea
          label="Description"
          maxlength={LIMITS.campaignDescription}
          name="description"
          rows={3}
          value={description()}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
        <div class="field">
          <label for="field-scenario">Scenario</label>
          <select id="field-scenario" onChange={(e) => setScenarioId(e.currentTarget.value)}>
            <option value="">None</option>
            <For each={scenarios.data?.items}>
              {(s) => <option value={s.id}>{`${s.title} (${s.gameSystem})`}</option>}
            </For>
          </select>
        </div>
        <ActionError message={actionError(create.error, ["title"])} />
        <BusyButton type="submit" busy={create.isPending}>
          Start the campaign
        </BusyButton>
      </Form>
    </section>
  );
}
