// The session form, for scheduling and for editing; the server's refusals show by their fields.
import { useQuery } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { LIMITS } from "../../src/input-limits.ts";
import { aheadOfStart, DEFAULT_REMINDER_MINUTES, MAX_REMINDERS } from "../../src/sessions/reminders.ts";
import { fieldError } from "../lib/errors.ts";
import { fromLocalInput, toLocalInput, zoneHint } from "../lib/time.ts";
import { trpc } from "../trpc.ts";
import { BusyButton } from "./BusyButton.tsx";
import { Field, Form, TextArea } from "./Field.tsx";
import { GAME_FIELDS, GameFields, type GameValues, NO_GAME_VALUES } from "./GameFields.tsx";
import { NO_REPEAT, RepeatFields, type RepeatValues } from "./RepeatFields.tsx";

export type SessionFormValues = GameValues & {
  title: string;
  description: string;
  startsAt: Date | null;
  endsAt: Date | null;
  minPlayers: number;
  maxPlayers: number;
  allowLateJoin: boolean;
  venueId: string | null;
  campaignId: string | null;
  reminderMinutes: number[];
  discordWebhookUrl: string | null;
  /** Only when scheduling (withRepeat): a series instead of one session. */
  repeat: RepeatValues;
  seatMembers: boolean;
};

/** The fields this form shows its refusals beside (the rest show under the form). */
export const SESSION_FORM_FIELDS = [
  "title",
  "description",
  "startsAt",
  "endsAt",
  "minPlayers",
  "maxPlayers",
  "campaignId",
  "reminderMinutes",
  "discordWebhookUrl",
  "repeat",
  ...GAME_FIELDS,
];

/** The reminder times a GM picks from (a time set through the API shows too). */
const REMINDER_CHOICES = [10_080, 2_880, 1_440, 180, 60, 15];

export function SessionForm(props: {
  initial?: Partial<SessionFormValues>;
  withCampaign?: boolean;
  /** Offer "Repeats" (scheduling only: an existing session stays what it is). */
  withRepeat?: boolean;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  /** Return the save's promise, so a refused save keeps the unsaved-changes warning. */
  onSubmit: (values: SessionFormValues) => unknown;
}) {
  const venues = useQuery(() => ({ queryKey: ["venue.list"], queryFn: () => trpc.venue.list.query({ limit: 100 }) }));
  const campaigns = useQuery(() => ({
    queryKey: ["campaign.listMine"],
    queryFn: () => trpc.campaign.listMine.query(),
  }));
  const [v, setV] = createSignal<SessionFormValues>({
    title: "",
    description: "",
    startsAt: null,
    endsAt: null,
    minPlayers: 2,
    maxPlayers: 6,
    allowLateJoin: false,
    venueId: null,
    campaignId: null,
    reminderMinutes: DEFAULT_REMINDER_MINUTES,
    discordWebhookUrl: null,
    repeat: NO_REPEAT,
    seatMembers: false,
    ...NO_GAME_VALUES,
    // A value the session does not have (undefined) keeps the default.
    ...Object.fromEntries(Object.entries(props.initial ?? {}).filter(([, value]) => value !== undefined)),
  });
  const reminderChoices = [...new Set([...REMINDER_CHOICES, ...v().reminderMinutes])].sort((a, b) => b - a);
  const toggleReminder = (minutes: number, on: boolean) =>
    set("reminderMinutes", on ? [...v().reminderMinutes, minutes] : v().reminderMinutes.filter((m) => m !== minutes));
  const set = <K extends keyof SessionFormValues>(key: K, value: SessionFormValues[K]) =>
    setV({ ...v(), [key]: value });
  return (
    <Form class="card" onSubmit={() => props.onSubmit(v())}>
      <Field
        label="Title"
        maxlength={LIMITS.sessionTitle}
        name="title"
        value={v().title}
        onInput={(e) => set("title", e.currentTarget.value)}
        error={fieldError(props.error, "title")}
      />
      <TextArea
        label="Description"
        maxlength={LIMITS.sessionDescription}
        name="description"
        value={v().description}
        onInput={(e) => set("description", e.currentTarget.value)}
        error={fieldError(props.error, "description")}
      />
      <div class="grid two">
        <Field
          label="Starts"
          name="startsAt"
          type="datetime-local"
          hint={zoneHint()}
          value={v().startsAt ? toLocalInput(v().startsAt as Date) : ""}
          onInput={(e) => set("startsAt", fromLocalInput(e.currentTarget.value))}
          error={fieldError(props.error, "startsAt")}
        />
        <Field
          label="Ends (optional)"
          name="endsAt"
          type="datetime-local"
          hint={zoneHint()}
          value={v().endsAt ? toLocalInput(v().endsAt as Date) : ""}
          onInput={(e) => set("endsAt", fromLocalInput(e.currentTarget.value))}
          error={fieldError(props.error, "endsAt")}
        />
        <Field
          label="Minimum players"
          min={LIMITS.players.min}
          max={LIMITS.players.max}
          step={1}
          name="minPlayers"
          type="number"
          value={v().minPlayers}
          onInput={(e) => set("minPlayers", e.currentTarget.valueAsNumber)}
          error={fieldError(props.error, "minPlayers")}
        />
        <Field
          label="Maximum players"
          min={LIMITS.players.min}
          max={LIMITS.players.max}
          step={1}
          name="maxPlayers"
          type="number"
          value={v().maxPlayers}
          onInput={(e) => set("maxPlayers", e.currentTarget.valueAsNumber)}
          error={fieldError(props.error, "maxPlayers")}
        />
      </div>
      <div class="field">
        <label for="field-venueId">Venue</label>
        <select id="field-venueId" onChange={(e) => set("venueId", e.currentTarget.value || null)}>
          <option value="">None yet</option>
          <For each={venues.data?.items}>
            {(venue) => (
              <option value={venue.id} selected={venue.id === v().venueId}>
                {venue.name}
              </option>
            )}
          </For>
        </select>
      </div>
      {props.withCampaign && (
        <div class="field">
          <label for="field-campaignId">Campaign</label>
          <select id="field-campaignId" onChange={(e) => set("campaignId", e.currentTarget.value || null)}>
            <option value="">No campaign (a one-shot)</option>
            <For each={campaigns.data?.filter((c) => c.myRole === "gm")}>
              {(campaign) => (
                <option value={campaign.id} selected={campaign.id === v().campaignId}>
                  {campaign.title}
                </option>
              )}
            </For>
          </select>
          <small class="error">{fieldError(props.error, "campaignId")}</small>
        </div>
      )}
      <Show when={props.withRepeat}>
        <RepeatFields value={v().repeat} onChange={(repeat) => set("repeat", repeat)} error={props.error} />
        <Show when={v().repeat.frequency !== "none" && v().campaignId}>
          <label class="check">
            <input
              type="checkbox"
              name="seatMembers"
              checked={v().seatMembers}
              onChange={(e) => set("seatMembers", e.currentTarget.checked)}
            />
            Seat the campaign's members in each session (each can still leave one they can't make). Past the seats,
            whoever has had the fewest seats in the series so far goes first.
          </label>
        </Show>
      </Show>
      <GameFields
        value={v()}
        inCampaign={!!v().campaignId}
        defaultVisibility={campaigns.data?.find((c) => c.id === v().campaignId)?.defaultVisibility ?? "public"}
        error={props.error}
        onChange={(game) => setV({ ...v(), ...game })}
      />
      <label class="check">
        <input
          type="checkbox"
          checked={v().allowLateJoin}
          onChange={(e) => set("allowLateJoin", e.currentTarget.checked)}
        />
        Players may join after the start
      </label>
      <fieldset class="gap-above">
        <legend>Reminders to the table (at most {MAX_REMINDERS})</legend>
        <div class="row">
          <For each={reminderChoices}>
            {(minutes) => (
              <label class="check">
                <input
                  type="checkbox"
                  checked={v().reminderMinutes.includes(minutes)}
                  disabled={!v().reminderMinutes.includes(minutes) && v().reminderMinutes.length >= MAX_REMINDERS}
                  onChange={(e) => toggleReminder(minutes, e.currentTarget.checked)}
                />
                {aheadOfStart(minutes)} before
              </label>
            )}
          </For>
        </div>
        <small class="error">{fieldError(props.error, "reminderMinutes")}</small>
      </fieldset>
      <Field
        label="Discord webhook (optional)"
        name="discordWebhookUrl"
        type="url"
        maxlength={500}
        hint="Paste a channel's webhook (in Discord: Edit Channel, Integrations, Webhooks). New sessions, last calls, cancellations and reminders are posted there."
        value={v().discordWebhookUrl ?? ""}
        onInput={(e) => set("discordWebhookUrl", e.currentTarget.value.trim() || null)}
        error={fieldError(props.error, "discordWebhookUrl")}
      />
      <p />
      <BusyButton type="submit" busy={props.pending}>
        {props.submitLabel}
      </BusyButton>
    </Form>
  );
}
