// What happened at a session: the summary (markdown), key events in time order and
// character developments; the GM writes them, and private notes only the GM sees.
import { A, useParams } from "@solidjs/router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { LIMITS } from "../../src/input-limits.ts";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError, Field, Form, TextArea } from "../components/Field.tsx";
import { Markdown } from "../components/Markdown.tsx";
import { actionError, fieldError } from "../lib/errors.ts";
import { actionControl, focusWhenShown } from "../lib/focus.ts";
import { useMe } from "../lib/me.ts";
import { formatOnDay, fromLocalInput, toLocalInput, zoneHint } from "../lib/time.ts";
import { type Outputs, trpc } from "../trpc.ts";

type RecordData = Outputs["record"]["get"];
type KeyEvent = RecordData["keyEvents"][number];

export default function SessionRecord() {
  const params = useParams<{ id: string }>();
  const me = useMe();
  const recordKey = () => ["record.get", params.id];
  const record = useQuery(() => ({
    queryKey: recordKey(),
    queryFn: () => trpc.record.get.query({ sessionId: params.id }),
  }));
  const session = useQuery(() => ({
    queryKey: ["session.byId", params.id],
    queryFn: () => trpc.session.byId.query({ sessionId: params.id }),
  }));
  const canWrite = () =>
    !!me.data && !!session.data && (me.data.role === "admin" || session.data.hostId === me.data.id);

  return (
    <Show
      when={record.data}
      fallback={<p aria-busy="true">{record.error ? actionError(record.error) : "Loading the record…"}</p>}
    >
      {(r) => (
        <article>
          <p>
            <A href={`/sessions/${params.id}`}>← {r().title}</A>
          </p>
          <h1 tabindex="-1">Session record</h1>
          <Show when={canWrite()} fallback={<RecordView record={r()} />}>
            <RecordEditor record={r()} sessionId={params.id} />
          </Show>
        </article>
      )}
    </Show>
  );
}

function RecordView(props: { record: RecordData }) {
  return (
    <>
      <section class="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <Show when={props.record.summary} fallback={<p class="muted">The GM has not written the summary yet.</p>}>
          {(summary) => <Markdown source={summary()} />}
        </Show>
      </section>
      <Timeline events={props.record.keyEvents} day={props.record.startedAt} />
      <Developments record={props.record} />
    </>
  );
}

/** Key events in order; a time shows its date too when it is not on the day play began. */
function Timeline(props: { events: KeyEvent[]; day: Date | null; onEdit?: (event: KeyEvent) => void }) {
  return (
    <section class="card" aria-labelledby="events-heading">
      <h2 id="events-heading">Key events</h2>
      <Show when={props.events.length > 0} fallback={<p class="muted">No key events yet.</p>}>
        <ol class="timeline" data-testid="key-events">
          <For each={props.events}>
            {(event) => (
              <li>
                <time datetime={event.happenedAt.toISOString()}>
                  {formatOnDay(event.happenedAt, props.day ?? event.happenedAt)}
                </time>
                {event.text}
                <Show when={props.onEdit}>
                  {" "}
                  <button
                    type="button"
                    class="link"
                    data-action={`edit-event-${event.id}`}
                    onClick={() => props.onEdit?.(event)}
                  >
                    Edit <span class="visually-hidden">{event.text}</span>
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}

function Developments(props: { record: RecordData }) {
  return (
    <Show when={props.record.characterDevelopments.length > 0}>
      <section class="card" aria-labelledby="dev-heading">
        <h2 id="dev-heading">Character developments</h2>
        <For each={props.record.characterDevelopments}>
          {(d) => (
            <p>
              <strong>{d.character.name}</strong> <span class="muted">({d.character.owner.displayName})</span>: {d.text}
            </p>
          )}
        </For>
      </section>
    </Show>
  );
}

function RecordEditor(props: { record: RecordData; sessionId: string }) {
  const queryClient = useQueryClient();
  const [summary, setSummary] = createSignal(props.record.summary ?? "");
  const [notes, setNotes] = createSignal(props.record.gmNotes ?? "");
  const [preview, setPreview] = createSignal(false);
  const participants = useQuery(() => ({
    queryKey: ["participant.list", props.sessionId],
    queryFn: () => trpc.participant.list.query({ sessionId: props.sessionId }),
  }));
  const characters = () =>
    participants.data?.flatMap((p) => (p.character ? [{ ...p.character, player: p.user.displayName }] : [])) ?? [];
  const [developments, setDevelopments] = createSignal<Record<string, string>>(
    Object.fromEntries(props.record.characterDevelopments.map((d) => [d.character.id, d.text])),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["record.get", props.sessionId] });
  const save = useMutation(() => ({
    mutationFn: () =>
      trpc.record.update.mutate({
        sessionId: props.sessionId,
        summary: summary(),
        gmNotes: notes(),
        characterDevelopments: Object.entries(developments()).map(([characterId, text]) => ({
          characterId,
          text: text.trim() ? text : null,
        })),
      }),
    onSuccess: refresh,
  }));

  return (
    <>
      <Form class="card" onSubmit={() => save.mutateAsync()}>
        <div class="spread">
          <h2 id="summary-heading">Summary</h2>
          <button type="button" class="link" aria-pressed={preview()} onClick={() => setPreview(!preview())}>
            {preview() ? "Edit" : "Preview"}
          </button>
        </div>
        <Show
          when={preview()}
          fallback={
            <TextArea
              label="Summary (markdown)"
              maxlength={LIMITS.summary}
              name="summary"
              value={summary()}
              onInput={(e) => setSummary(e.currentTarget.value)}
              error={fieldError(save.error, "summary")}
            />
          }
        >
          <Markdown source={summary() || "_Nothing yet._"} />
        </Show>
        <Show when={characters().length > 0}>
          <h2>Character developments</h2>
          <For each={characters()}>
            {(c) => (
              <TextArea
                label={`${c.name} (${c.player})`}
                name={`development-${c.id}`}
                rows={2}
                value={developments()[c.id] ?? ""}
                onInput={(e) => setDevelopments({ ...developments(), [c.id]: e.currentTarget.value })}
              />
            )}
          </For>
        </Show>
        <h2>Private GM notes</h2>
        <TextArea
          label="Only you and admins ever see these"
          maxlength={LIMITS.gmNotes}
          name="gmNotes"
          value={notes()}
          onInput={(e) => setNotes(e.currentTarget.value)}
        />
        <ActionError message={actionError(save.error, ["summary"])} />
        <div class="row">
          <BusyButton type="submit" busy={save.isPending}>
            Save the record
          </BusyButton>
          <Show when={save.isSuccess && !save.isPending}>
            <span role="status">Saved.</span>
          </Show>
        </div>
      </Form>
      <KeyEventsEditor record={props.record} sessionId={props.sessionId} onChange={refresh} />
    </>
  );
}

const whatHappened = () => document.getElementById("field-text");

function KeyEventsEditor(props: { record: RecordData; sessionId: string; onChange: () => void }) {
  const [editing, setEditing] = createSignal<KeyEvent | null>(null);
  const [text, setText] = createSignal("");
  const [at, setAt] = createSignal("");
  const reset = () => {
    setEditing(null);
    setText("");
    setAt("");
  };
  const submit = useMutation(() => ({
    mutationFn: () => {
      const happenedAt = fromLocalInput(at()) ?? undefined;
      const current = editing();
      return current
        ? trpc.keyEvent.update.mutate({ sessionId: props.sessionId, keyEventId: current.id, text: text(), happenedAt })
        : trpc.keyEvent.add.mutate({ sessionId: props.sessionId, text: text(), happenedAt });
    },
    onSuccess: () => {
      reset();
      props.onChange();
    },
  }));
  const remove = useMutation(() => ({
    mutationFn: (keyEventId: string) => trpc.keyEvent.remove.mutate({ sessionId: props.sessionId, keyEventId }),
    onSuccess: () => {
      reset();
      props.onChange();
    },
  }));
  return (
    <>
      <Timeline
        events={props.record.keyEvents}
        day={props.record.startedAt}
        onEdit={(event) => {
          setEditing(event);
          setText(event.text);
          setAt(toLocalInput(event.happenedAt));
          focusWhenShown(whatHappened); // the form is below the whole timeline
        }}
      />
      <Form class="card" onSubmit={() => submit.mutate()}>
        <h2>{editing() ? "Edit the key event" : "Add a key event"}</h2>
        <Field
          label="What happened"
          maxlength={LIMITS.keyEventText}
          name="text"
          value={text()}
          onInput={(e) => setText(e.currentTarget.value)}
          error={fieldError(submit.error, "text")}
        />
        <Field
          label="When"
          name="happenedAt"
          type="datetime-local"
          hint={`Leave empty to use the current time. ${zoneHint()}`}
          value={at()}
          onInput={(e) => setAt(e.currentTarget.value)}
          error={fieldError(submit.error, "happenedAt")}
        />
        <ActionError message={actionError(submit.error ?? remove.error, ["text", "happenedAt"])} />
        <div class="row">
          <BusyButton type="submit" busy={submit.isPending}>
            {editing() ? "Save the event" : "Add the event"}
          </BusyButton>
          <Show when={editing()}>
            {(event) => (
              <>
                <button
                  type="button"
                  class="secondary"
                  onClick={() => {
                    focusWhenShown(actionControl(`edit-event-${event().id}`)); // back where they came from
                    reset();
                  }}
                >
                  Stop editing
                </button>
                <button
                  type="button"
                  class="danger"
                  onClick={() => remove.mutate(event().id, { onSuccess: () => focusWhenShown(whatHappened) })}
                >
                  Remove
                </button>
              </>
            )}
          </Show>
        </div>
      </Form>
    </>
  );
}
