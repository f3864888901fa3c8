// One session: details, seats and deadline, who is at the table (live), join/leave,
// and for its GM the controls, the join code with its QR code, and participants.
import { A, useParams } from "@solidjs/router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createMemo, createSignal, For, Show } from "solid-js";
import { LIMITS } from "../../src/input-limits.ts";
import { ActionError, Field } from "../components/Field.tsx";
import { gameInput } from "../components/GameFields.tsx";
import { QrCode } from "../components/QrCode.tsx";
import { SeriesPanel } from "../components/SeriesPanel.tsx";
import { StatusBadge } from "../components/SessionCard.tsx";
import { SessionFacts, SessionLoading } from "../components/SessionFacts.tsx";
import { SESSION_FORM_FIELDS, SessionForm, type SessionFormValues } from "../components/SessionForm.tsx";
import { saveFile } from "../lib/download.ts";
import { actionError } from "../lib/errors.ts";
import { actionControl, focusWhenShown } from "../lib/focus.ts";
import { useSubscription } from "../lib/live.ts";
import { useMe } from "../lib/me.ts";
import { useTablePresence } from "../lib/presence.ts";
import { sessionActions } from "../lib/session-actions.ts";
import { formatDateTime, startIsEarly } from "../lib/time.ts";
import { type Outputs, type SessionView, trpc } from "../trpc.ts";

type PresenceSnapshot = Outputs["presence"]["list"];

/** After an action, focus what replaced its button (see lib/focus.ts), e.g. Pause after Start. */
const then = (action: string) => ({ onSuccess: () => focusWhenShown(actionControl(action)) });

export default function SessionPage() {
  const params = useParams<{ id: string }>();
  const queryClient = useQueryClient();
  const me = useMe();
  const sessionKey = () => ["session.byId", params.id];
  const participantsKey = () => ["participant.list", params.id];
  const session = useQuery(() => ({
    queryKey: sessionKey(),
    queryFn: () => trpc.session.byId.query({ sessionId: params.id }),
  }));
  const participants = useQuery(() => ({
    queryKey: participantsKey(),
    queryFn: () => trpc.participant.list.query({ sessionId: params.id }),
  }));
  const [presence, setPresence] = createSignal<PresenceSnapshot | null>(null);

  // Live: status and seats, then who is at the table. Each message is the whole state.
  useSubscription(() =>
    trpc.session.onChanged.subscribe(
      { sessionId: params.id },
      {
        onData: ({ data }) => {
          queryClient.setQueryData(sessionKey(), (old: SessionView | undefined) =>
            // The stream is the same for everyone: the GM's own fields stay as fetched.
            old
              ? { ...data, gmNotes: old.gmNotes, joinCode: old.joinCode, reminderMinutes: old.reminderMinutes }
              : undefined,
          );
          void queryClient.invalidateQueries({ queryKey: participantsKey() });
        },
      },
    ),
  );
  useSubscription(() =>
    trpc.presence.onChanged.subscribe(
      { sessionId: params.id },
      { onData: ({ data }) => setPresence(data), onError: () => setPresence(null) },
    ),
  );

  // The viewer's row, whatever its status (a removal is remembered on a row marked left).
  const myRecord = createMemo(() => participants.data?.find((p) => p.userId === me.data?.id) ?? null);
  const myPlace = createMemo(() => (myRecord()?.status === "left" ? null : myRecord()));
  const canManage = createMemo(
    () => !!session.data && !!me.data && (me.data.role === "admin" || session.data.hostId === me.data.id),
  );
  const actions = createMemo(() => (session.data ? sessionActions(session.data, myRecord(), canManage()) : null));
  const online = createMemo(
    () =>
      new Set(
        presence()
          ?.members.filter((m) => m.online)
          .map((m) => m.userId),
      ),
  );
  const hostHere = () => !!session.data && online().has(session.data.hostId);
  useTablePresence(
    () => params.id,
    () =>
      !!actions()?.sitAtTable || (session.data?.status === "scheduled" && myPlace()?.status === "joined" && hostHere()),
  );

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: sessionKey() });
    void queryClient.invalidateQueries({ queryKey: participantsKey() });
    void queryClient.invalidateQueries({ queryKey: ["session.list"] });
  };
  const act = useMutation(() => ({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: refresh,
  }));
  const id = () => ({ sessionId: params.id });

  return (
    <Show when={session.data} fallback={<SessionLoading error={session.error} />}>
      {(s) => (
        <article>
          <div class="spread">
            <h1 tabindex="-1">{s().title}</h1>
            <StatusBadge status={s().status} />
          </div>
          <section class="card" aria-label="Details">
            <SessionFacts session={s()} />
            <Show when={s().status !== "cancelled" && s().status !== "completed"}>
              <MyPlace place={myPlace()} />
            </Show>
            <Show when={myRecord()?.removedAt && myRecord()?.status === "left"}>
              <p class="warning" data-testid="removed">
                The GM removed you from this session. Only they can add you again.
              </p>
            </Show>
            <div class="row">
              <Show when={actions()?.join}>
                <button
                  type="button"
                  data-action="join"
                  onClick={() => act.mutate(() => trpc.participant.join.mutate(id()), then("leave"))}
                >
                  {s().openSeats > 0 ? "Join" : "Join the waitlist"}
                </button>
              </Show>
              <Show when={actions()?.leave}>
                <button
                  type="button"
                  class="secondary"
                  data-action="leave"
                  onClick={() => act.mutate(() => trpc.participant.leave.mutate(id()), then("join"))}
                >
                  {myPlace()?.status === "waitlisted" ? "Leave the waitlist" : "Leave"}
                </button>
              </Show>
              <Show when={s().startedAt}>
                <A class="button secondary" data-action="record" href={`/sessions/${s().id}/record`}>
                  {actions()?.writeRecord ? "Write the record" : "Read the record"}
                </A>
              </Show>
              <Show when={s().status === "scheduled"}>
                <button
                  type="button"
                  class="secondary"
                  onClick={() =>
                    act.mutate(async () => {
                      const file = await trpc.calendar.session.query(id());
                      saveFile(file.filename, file.ics, "text/calendar");
                    })
                  }
                >
                  Add to calendar
                </button>
              </Show>
            </div>
            <ActionError message={actionError(act.error)} />
          </section>
          <Show when={s().seriesId}>
            <SeriesPanel sessionId={s().id} />
          </Show>

          <section class="card" aria-labelledby="table-heading">
            <h2 id="table-heading" tabindex="-1" data-action="table">
              At the table
            </h2>
            <ul class="people" data-testid="participants">
              <For each={participants.data?.filter((p) => p.status !== "left")}>
                {(p) => (
                  <li>
                    <span
                      class={`dot ${online().has(p.userId) ? "online" : ""}`}
                      role="img"
                      aria-label={online().has(p.userId) ? "online" : "offline"}
                      data-testid={`presence-${p.user.displayName}`}
                      data-online={online().has(p.userId) ? "yes" : "no"}
                    />
                    <span>
                      <strong>{p.user.displayName}</strong>
                      <Show when={p.character}>{(c) => <> as {c().name}</>}</Show>
                      <span class="muted">
                        {" "}
                        · {p.role === "master" ? "GM" : p.role}
                        {p.status === "waitlisted" ? ` · waitlist #${p.waitlistPosition}` : ""}
                      </span>
                    </span>
                    <Show when={canManage() && p.role !== "master" && actions()?.edit}>
                      <button
                        type="button"
                        class="link push-right"
                        onClick={() => {
                          const question = `Remove ${p.user.displayName} from this session? They cannot rejoin unless you add them again.`;
                          if (window.confirm(question)) {
                            act.mutate(
                              () => trpc.participant.remove.mutate({ ...id(), userId: p.userId }),
                              then("table"),
                            );
                          }
                        }}
                      >
                        Remove <span class="visually-hidden">{p.user.displayName}</span>
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
            <Show when={myPlace()?.status === "joined"}>
              <CharacterPicker sessionId={params.id} current={myPlace()?.characterId ?? null} onChange={refresh} />
            </Show>
          </section>

          {/* Once a session is over there is nothing left to run: the record is linked above. */}
          <Show when={canManage() && s().status !== "completed" && s().status !== "cancelled"}>
            <GmControls session={s()} actions={actions()} onChange={refresh} />
          </Show>
        </article>
      )}
    </Show>
  );
}

/** When and why a session was cancelled, as a sentence. */
const ROLE_AS: Record<string, string> = { master: "as the GM", player: "as a player", observer: "as an observer" };

function MyPlace(props: { place: { role: string; status: string; waitlistPosition: number | null } | null }) {
  return (
    <Show when={props.place}>
      {(place) => (
        <p data-testid="my-place">
          <Show
            when={place().status === "waitlisted"}
            fallback={<>You are in, {ROLE_AS[place().role] ?? `as ${place().role}`}.</>}
          >
            You are number {place().waitlistPosition} on the waitlist.
          </Show>
        </p>
      )}
    </Show>
  );
}

function CharacterPicker(props: { sessionId: string; current: string | null; onChange: () => void }) {
  const characters = useQuery(() => ({
    queryKey: ["character.listMine"],
    queryFn: () => trpc.character.listMine.query(),
  }));
  const pick = useMutation(() => ({
    mutationFn: (characterId: string | null) =>
      trpc.participant.setCharacter.mutate({ sessionId: props.sessionId, characterId }),
    onSuccess: props.onChange,
  }));
  return (
    <Show when={(characters.data?.length ?? 0) > 0}>
      <div class="field gap-above">
        <label for="my-character">Your character</label>
        <select id="my-character" onChange={(e) => pick.mutate(e.currentTarget.value || null)}>
          <option value="">None</option>
          <For each={characters.data}>
            {(c) => (
              <option value={c.id} selected={c.id === props.current}>
                {c.name}
              </option>
            )}
          </For>
        </select>
        <ActionError message={actionError(pick.error)} />
      </div>
    </Show>
  );
}

function GmControls(props: {
  session: SessionView;
  actions: ReturnType<typeof sessionActions> | null;
  onChange: () => void;
}) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = createSignal(false);
  const [confirmingCancel, setConfirmingCancel] = createSignal(false);
  const [reason, setReason] = createSignal("");
  const [addQuery, setAddQuery] = createSignal("");
  const sessionId = () => props.session.id;
  const act = useMutation(() => ({ mutationFn: (run: () => Promise<unknown>) => run(), onSuccess: props.onChange }));
  // In a series: change this date alone, or this one and the following ones too.
  const [scope, setScope] = createSignal<"one" | "following">("one");
  const update = useMutation(() => ({
    mutationFn: async (v: SessionFormValues) => {
      const changes = {
        sessionId: sessionId(),
        title: v.title,
        description: v.description,
        startsAt: v.startsAt ?? undefined,
        endsAt: v.endsAt,
        minPlayers: v.minPlayers,
        maxPlayers: v.maxPlayers,
        allowLateJoin: v.allowLateJoin,
        venueId: v.venueId,
        reminderMinutes: v.reminderMinutes,
        discordWebhookUrl: v.discordWebhookUrl,
        ...gameInput(v),
      };
      if (scope() === "following") await trpc.series.updateFollowing.mutate(changes);
      else await trpc.session.update.mutate(changes);
    },
    onSuccess: () => {
      setEditing(false);
      focusWhenShown(actionControl("edit"));
      props.onChange();
      void queryClient.invalidateQueries({ queryKey: ["series.ofSession"] });
    },
  }));
  const found = useQuery(() => ({
    queryKey: ["user.search", addQuery()],
    queryFn: () => trpc.user.search.query({ query: addQuery() }),
    enabled: addQuery().trim().length >= 2,
  }));
  const joinUrl = () => `${window.location.origin}/join/${props.session.joinCode}`;
  const s = () => props.session;
  const [copied, setCopied] = createSignal(false);

  return (
    <section class="card" aria-labelledby="gm-heading">
      <h2 id="gm-heading">Game master</h2>
      <div class="row">
        <Show when={props.actions?.start}>
          <button
            type="button"
            data-action="start"
            onClick={() => {
              // Starting hours or days early is usually a slip of the finger: ask.
              const early = startIsEarly(s().startsAt, new Date());
              const short = s().playerCount < s().minPlayers;
              const reasons = [
                early ? `"${s().title}" is planned for ${formatDateTime(s().startsAt)}.` : null,
                short ? `Only ${s().playerCount} of the ${s().minPlayers} players it needs have joined.` : null,
              ].filter(Boolean);
              if (reasons.length === 0 || window.confirm(`${reasons.join(" ")} Start it now anyway?`)) {
                act.mutate(() => trpc.session.start.mutate({ sessionId: sessionId() }), then("pause"));
              }
            }}
          >
            Start
          </button>
        </Show>
        <Show when={props.actions?.pause}>
          <button
            type="button"
            class="secondary"
            data-action="pause"
            onClick={() => act.mutate(() => trpc.session.pause.mutate({ sessionId: sessionId() }), then("resume"))}
          >
            Pause
          </button>
        </Show>
        <Show when={props.actions?.resume}>
          <button
            type="button"
            data-action="resume"
            onClick={() => act.mutate(() => trpc.session.resume.mutate({ sessionId: sessionId() }), then("pause"))}
          >
            Resume
          </button>
        </Show>
        <Show when={props.actions?.end}>
          <button
            type="button"
            data-action="end"
            onClick={() => {
              // These controls go once it has ended (maybe before the answer, by the live
              // stream): the page waits for the ended session and focuses its record link.
              focusWhenShown(() => (document.querySelector(".status.completed") ? actionControl("record")() : null));
              act.mutate(() => trpc.session.end.mutate({ sessionId: sessionId() }));
            }}
          >
            End the session
          </button>
        </Show>
        <Show when={props.actions?.edit}>
          <button
            type="button"
            class="secondary"
            data-action="edit"
            aria-expanded={editing()}
            onClick={() => {
              setScope("one"); // each edit starts as this session only
              setEditing(!editing());
            }}
          >
            {editing() ? "Close the editor" : "Edit"}
          </button>
        </Show>
        <Show when={props.actions?.cancel && !confirmingCancel()}>
          {/* Quiet, and apart from Start: a slip here would cancel the evening. */}
          <button
            type="button"
            class="danger-quiet push-right"
            data-action="cancel"
            onClick={() => {
              setConfirmingCancel(true);
              focusWhenShown(actionControl("confirm-cancel"));
            }}
          >
            Cancel the session…
          </button>
        </Show>
      </div>
      <Show when={confirmingCancel()}>
        <fieldset class="card gap-above">
          <legend>Confirm cancellation</legend>
          <p tabindex="-1" data-action="confirm-cancel" data-testid="confirm-cancel">
            <strong>Cancel “{s().title}”?</strong> Everyone in it is told. This cannot be undone.
          </p>
          <Field
            label="Reason (optional)"
            maxlength={LIMITS.cancelReason}
            name="cancelReason"
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          <div class="row">
            <button
              type="button"
              class="danger"
              onClick={() => {
                focusWhenShown(actionControl("cancelled")); // shown once cancelled; these controls go
                act.mutate(async () => {
                  await trpc.session.cancel.mutate({ sessionId: sessionId(), reason: reason().trim() || undefined });
                  setConfirmingCancel(false);
                });
              }}
            >
              Yes, cancel it
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setConfirmingCancel(false);
                focusWhenShown(actionControl("cancel"));
              }}
            >
              Keep it
            </button>
          </div>
        </fieldset>
      </Show>
      <ActionError message={actionError(act.error)} />
      <Show when={editing()}>
        <Show when={s().seriesId}>
          <fieldset class="gap-above" data-testid="edit-scope">
            <legend>This session is part of a series. Save the changes to</legend>
            <label class="check">
              <input type="radio" name="scope" checked={scope() === "one"} onChange={() => setScope("one")} />
              this session only
            </label>
            <label class="check">
              <input
                type="radio"
                name="scope"
                checked={scope() === "following"}
                onChange={() => setScope("following")}
              />
              this one and all the following (those already played or under way stay as they were)
            </label>
          </fieldset>
        </Show>
        <SessionForm
          initial={{
            ...s(),
            venueId: s().venue?.id ?? null,
            campaignId: s().campaign?.id ?? null,
            reminderMinutes: s().reminderMinutes ?? undefined,
          }}
          error={update.error}
          pending={update.isPending}
          submitLabel="Save changes"
          onSubmit={(v) => update.mutateAsync(v)}
        />
        <ActionError message={actionError(update.error, SESSION_FORM_FIELDS)} />
      </Show>

      <Show when={s().joinCode && props.actions?.edit}>
        <h3>Join code</h3>
        <div class="grid two">
          <div>
            <p class="code" data-testid="join-code">
              {s().joinCode}
            </p>
            <p>
              <a href={joinUrl()}>{joinUrl()}</a>
            </p>
            {/* The clipboard exists only on https (and localhost): elsewhere the link is there to select. */}
            <Show when={typeof navigator.clipboard?.writeText === "function"}>
              <p class="row">
                <button
                  type="button"
                  onClick={() =>
                    navigator.clipboard.writeText(joinUrl()).then(
                      () => setCopied(true),
                      () => setCopied(false),
                    )
                  }
                >
                  {copied() ? "Link copied" : "Copy the link"}
                </button>
              </p>
            </Show>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                const question = "Make a new code? The current code, link and QR code stop working at once.";
                if (window.confirm(question)) {
                  setCopied(false);
                  act.mutate(() => trpc.session.regenerateJoinCode.mutate({ sessionId: sessionId() }));
                }
              }}
            >
              New code (the old one stops working)
            </button>
          </div>
          <QrCode text={joinUrl()} label={`QR code to join ${s().title}`} />
        </div>
        <h3>Add someone</h3>
        <Field
          label="Name"
          name="addQuery"
          hint="People you have played with or share a campaign with. Others join with the code or link above."
          value={addQuery()}
          onInput={(e) => setAddQuery(e.currentTarget.value)}
        />
        <ul class="people">
          <For each={found.data}>
            {(user) => (
              <li>
                <span>{user.displayName}</span>
                <button
                  type="button"
                  class="secondary push-right"
                  onClick={() =>
                    act.mutate(async () => {
                      await trpc.participant.add.mutate({ sessionId: sessionId(), userId: user.id });
                      setAddQuery("");
                    })
                  }
                >
                  Add <span class="visually-hidden">{user.displayName}</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
