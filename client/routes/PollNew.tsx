// Finding a date together: the GM proposes 2 to 12 dates and times, and shares the
// poll's link (a campaign's members are asked at once).
import { useNavigate, useSearchParams } from "@solidjs/router";
import { useMutation, useQuery } from "@tanstack/solid-query";
import { createSignal, For, Index, Show } from "solid-js";
import { LIMITS } from "../../src/input-limits.ts";
import { MAX_POLL_OPTIONS } from "../../src/polls/choices.ts";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError, Field, Form, GroupError, TextArea } from "../components/Field.tsx";
import { browserZone, NO_REPEAT, RepeatFields, repetitionInput } from "../components/RepeatFields.tsx";
import { actionError, fieldError } from "../lib/errors.ts";
import { fromLocalInput, zoneHint } from "../lib/time.ts";
import { trpc } from "../trpc.ts";

const SHOWN_FIELDS = ["title", "description", "options", "minPlayers", "maxPlayers", "campaignId", "repeat"];
const LENGTHS = [60, 120, 180, 240, 300, 360, 480];

export default function PollNew() {
  const navigate = useNavigate();
  const [params] = useSearchParams<{ campaignId?: string }>();
  const campaigns = useQuery(() => ({
    queryKey: ["campaign.listMine"],
    queryFn: () => trpc.campaign.listMine.query(),
  }));
  const [title, setTitle] = createSignal("");
  const [description, setDescription] = createSignal("");
  const [campaignId, setCampaignId] = createSignal(params.campaignId ?? "");
  const [dates, setDates] = createSignal(["", "", ""]);
  const [minPlayers, setMinPlayers] = createSignal(2);
  const [maxPlayers, setMaxPlayers] = createSignal(6);
  const [length, setLength] = createSignal(240);
  const [repeat, setRepeat] = createSignal(NO_REPEAT);
  const setDate = (index: number, value: string) => setDates(dates().map((d, i) => (i === index ? value : d)));

  const create = useMutation(() => ({
    mutationFn: () =>
      trpc.poll.create.mutate({
        title: title(),
        description: description(),
        campaignId: campaignId() || null,
        // A date typed but unreadable is sent as an invalid one, so the server names the field.
        options: dates()
          .filter(Boolean)
          .map((value) => fromLocalInput(value) ?? new Date(Number.NaN)),
        minPlayers: minPlayers(),
        maxPlayers: maxPlayers(),
        durationMinutes: length() || null,
        repeat: repetitionInput(repeat()),
        timeZone: browserZone(),
      }),
    onSuccess: (poll) => navigate(`/polls/${poll.code}`),
  }));

  return (
    <section>
      <h1 tabindex="-1">Find a date together</h1>
      <p class="muted">
        Propose a few dates and times. Everyone with the link answers yes, if need be, or no for each; you then pick
        one, and the session is created with those who can come.
      </p>
      <Form class="card" onSubmit={() => create.mutateAsync()}>
        <Field
          label="Title"
          name="title"
          maxlength={LIMITS.sessionTitle}
          value={title()}
          onInput={(e) => setTitle(e.currentTarget.value)}
          error={fieldError(create.error, "title")}
        />
        <TextArea
          label="Description (optional)"
          name="description"
          maxlength={LIMITS.sessionDescription}
          value={description()}
          onInput={(e) => setDescription(e.currentTarget.value)}
          error={fieldError(create.error, "description")}
        />
        <div class="field">
          <label for="field-campaignId">Campaign</label>
          <select id="field-campaignId" onChange={(e) => setCampaignId(e.currentTarget.value)}>
            <option value="">No campaign: I will share the link</option>
            <For each={campaigns.data?.filter((c) => c.myRole === "gm")}>
              {(campaign) => (
                <option value={campaign.id} selected={campaign.id === campaignId()}>
                  {campaign.title} (its members are asked)
                </option>
              )}
            </For>
          </select>
          <small class="error">{fieldError(create.error, "campaignId")}</small>
        </div>
        <fieldset class="gap-above" data-testid="poll-dates">
          <legend>Dates and times to propose (2 to {MAX_POLL_OPTIONS})</legend>
          <Index each={dates()}>
            {(value, i) => (
              <div class="row date-row">
                <input
                  type="datetime-local"
                  aria-label={`Date ${i + 1}`}
                  value={value()}
                  onInput={(e) => setDate(i, e.currentTarget.value)}
                />
                <Show when={dates().length > 2}>
                  <button
                    type="button"
                    class="link"
                    aria-label={`Remove date ${i + 1}`}
                    onClick={() => setDates(dates().filter((_, j) => j !== i))}
                  >
                    Remove
                  </button>
                </Show>
              </div>
            )}
          </Index>
          <Show when={dates().length < MAX_POLL_OPTIONS}>
            <button type="button" class="secondary" onClick={() => setDates([...dates(), ""])}>
              Add a date
            </button>
          </Show>
          <small>{zoneHint()} Everyone sees the dates in their own time zone.</small>
          <GroupError message={fieldError(create.error, "options")} />
        </fieldset>
        <div class="grid two">
          <Field
            label="Minimum players"
            name="minPlayers"
            type="number"
            min={LIMITS.players.min}
            max={LIMITS.players.max}
            step={1}
            value={minPlayers()}
            onInput={(e) => setMinPlayers(e.currentTarget.valueAsNumber)}
            error={fieldError(create.error, "minPlayers")}
          />
          <Field
            label="Maximum players"
            name="maxPlayers"
            type="number"
            min={LIMITS.players.min}
            max={LIMITS.players.max}
            step={1}
            value={maxPlayers()}
            onInput={(e) => setMaxPlayers(e.currentTarget.valueAsNumber)}
            error={fieldError(create.error, "maxPlayers")}
          />
          <div class="field">
            <label for="field-length">Length</label>
            <select id="field-length" onChange={(e) => setLength(Number(e.currentTarget.value))}>
              <option value="0" selected={length() === 0}>
                Open-ended
              </option>
              <For each={LENGTHS}>
                {(minutes) => (
                  <option value={minutes} selected={length() === minutes}>
                    {minutes === 60 ? "1 hour" : `${minutes / 60} hours`}
                  </option>
                )}
              </For>
            </select>
          </div>
        </div>
        <RepeatFields value={repeat()} onChange={setRepeat} error={create.error} />
        <p />
        <BusyButton type="submit" busy={create.isPending}>
          Open the poll
        </BusyButton>
      </Form>
      <ActionError message={actionError(create.error, SHOWN_FIELDS)} />
    </section>
  );
}
