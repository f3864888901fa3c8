// A poll, for everyone with its link: each date in the viewer's time zone with everyone's
// answers (live), the viewer's own answer per date, and for its GM the pick and closing.
import { A, useNavigate, useParams } from "@solidjs/router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createMemo, createSignal, For, Index, Show } from "solid-js";
import { CHOICE_LABELS, POLL_CHOICES, type PollChoice } from "../../src/polls/choices.ts";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError } from "../components/Field.tsx";
import { Markdown } from "../components/Markdown.tsx";
import { QrCode } from "../components/QrCode.tsx";
import { actionError } from "../lib/errors.ts";
import { useSubscription } from "../lib/live.ts";
import { useMe } from "../lib/me.ts";
import { formatDateTime, viewerZone } from "../lib/time.ts";
import { type Outputs, trpc } from "../trpc.ts";

type PollView = Outputs["poll"]["byCode"];
type Option = PollView["options"][number];

export default function PollPage() {
  const params = useParams<{ code: string }>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const key = () => ["poll.byCode", params.code];
  const poll = useQuery(() => ({ queryKey: key(), queryFn: () => trpc.poll.byCode.query({ code: params.code }) }));
  // Each view (live, or a mutation's answer) is the whole poll; the newest version wins,
  // and who may manage it does not change.
  const show = (view: Omit<PollView, "canManage">) =>
    queryClient.setQueryData(key(), (old: PollView | undefined) =>
      old && view.version >= old.version ? { ...view, canManage: old.canManage } : old,
    );
  useSubscription(() => trpc.poll.onChanged.subscribe({ code: params.code }, { onData: ({ data }) => show(data) }));
  const answer = useMutation(() => ({
    mutationFn: (a: { optionId: string; choice: PollChoice }) =>
      trpc.poll.answer.mutate({ code: params.code, answers: [a] }),
    onSuccess: (view) => {
      show(view);
      void queryClient.invalidateQueries({ queryKey: ["poll.list"] }); // answered: now among "my" polls
    },
  }));
  const [picking, setPicking] = createSignal<Option | null>(null);
  const [closing, setClosing] = createSignal(false);
  const act = useMutation(() => ({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["poll.list"] }),
  }));
  const pick = (pollId: string, option: Option) =>
    act.mutate(async () => {
      const { gameSessionId } = await trpc.poll.pick.mutate({ pollId, optionId: option.id });
      void queryClient.invalidateQueries({ queryKey: ["session.list"] });
      navigate(`/sessions/${gameSessionId}`);
    });
  const close = (pollId: string) =>
    act.mutate(async () => {
      show(await trpc.poll.close.mutate({ pollId }));
      setClosing(false);
    });
  const link = () => `${window.location.origin}/polls/${params.code.toUpperCase()}`;

  return (
    <Show when={poll.data} fallback={<PollLoading error={poll.error} />}>
      {(p) => {
        const names = createMemo(() => new Map(p().voters.map((v) => [v.userId, v.displayName])));
        const mine = (option: Option) => option.answers.find((a) => a.userId === me.data?.id)?.choice;
        const open = () => !p().closedAt;
        return (
          <article>
            <h1 tabindex="-1">{p().title}</h1>
            <section class="card" aria-label="About this poll">
              <p>
                Asked by {p().host.displayName}
                <Show when={p().campaign}>
                  {(c) => (
                    <>
                      {" for "}
                      <A href={`/campaigns/${c().id}`}>{c().title}</A>
                    </>
                  )}
                </Show>
                <Show when={p().venue}>{(v) => <> · at {v().name}</>}</Show>
              </p>
              <Show when={p().description}>
                <Markdown source={p().description} />
              </Show>
              <p>
                {sessionLine(p())}
                <Show when={p().repeatText}>
                  {(text) => (
                    <>
                      {" "}
                      It then repeats {text()}; those who can come are seated in its first session, and join the later
                      ones as they wish.
                    </>
                  )}
                </Show>
              </p>
              <Show when={p().gameSessionId}>
                {(id) => (
                  <p class="notice" data-testid="poll-state">
                    A date is chosen. <A href={`/sessions/${id()}`}>Open the session</A>.
                  </p>
                )}
              </Show>
              <Show when={p().closedAt && !p().gameSessionId}>
                <p class="notice" data-testid="poll-state">
                  {p().pickedOptionId
                    ? "A date was chosen, but its session has since been deleted."
                    : "This poll closed without a date."}
                </p>
              </Show>
            </section>

            <h2>Dates</h2>
            <p class="muted">
              In your time zone, {viewerZone()}.
              {open() ? " Your answers save as you tap them; everyone sees them at once." : ""}
            </p>
            <ul class="poll-options" data-testid="poll-options">
              {/* By position: the dates never change, so each row (and the focus in it) stays as answers arrive. */}
              <Index each={p().options}>
                {(option) => (
                  <li class="card poll-option" data-testid="poll-option">
                    <div class="spread">
                      <strong>
                        <time datetime={option().startsAt.toISOString()}>{formatDateTime(option().startsAt)}</time>
                        <Show when={option().id === p().pickedOptionId}> (picked)</Show>
                      </strong>
                      <span class="seats" data-testid="tally">
                        {option().yes} yes · {option().ifNeedBe} if need be
                      </span>
                    </div>
                    <fieldset
                      class="plain row choices"
                      aria-label={`Your answer for ${formatDateTime(option().startsAt)}`}
                    >
                      <For each={POLL_CHOICES}>
                        {(choice) => (
                          <BusyButton
                            class={mine(option()) === choice ? `choice ${choice} chosen` : "choice secondary"}
                            aria-pressed={mine(option()) === choice}
                            disabled={!open()}
                            busy={answer.isPending}
                            busyText="Saving your answer…"
                            announce={answer.variables?.optionId === option().id && answer.variables.choice === choice}
                            onClick={() => answer.mutate({ optionId: option().id, choice })}
                          >
                            {CHOICE_LABELS[choice]}
                          </BusyButton>
                        )}
                      </For>
                    </fieldset>
                    <Show when={option().answers.length > 0}>
                      <p class="muted who">
                        <For each={POLL_CHOICES.filter((c) => option().answers.some((a) => a.choice === c))}>
                          {(choice) => (
                            <span>
                              {CHOICE_LABELS[choice]}:{" "}
                              {option()
                                .answers.filter((a) => a.choice === choice)
                                .map((a) => names().get(a.userId))
                                .join(", ")}
                            </span>
                          )}
                        </For>
                      </p>
                    </Show>
                    <Show when={p().canManage && open()}>
                      <Show
                        when={picking()?.id === option().id}
                        fallback={
                          <button type="button" class="secondary" onClick={() => setPicking(option())}>
                            Pick this date
                          </button>
                        }
                      >
                        <p>
                          <strong>Create the session on {formatDateTime(option().startsAt)}?</strong>{" "}
                          {pickLine(p(), option())}
                        </p>
                        <div class="row">
                          <BusyButton type="button" busy={act.isPending} onClick={() => pick(p().id, option())}>
                            Yes, pick it
                          </BusyButton>
                          <button type="button" class="secondary" onClick={() => setPicking(null)}>
                            Not yet
                          </button>
                        </div>
                      </Show>
                    </Show>
                  </li>
                )}
              </Index>
            </ul>
            <ActionError message={actionError(answer.error)} />

            <Show when={p().canManage && open()}>
              <section class="card" aria-labelledby="share-heading">
                <h2 id="share-heading">Share the poll</h2>
                <p>Anyone with this link can answer once signed in.</p>
                <p>
                  <a href={link()} data-testid="poll-link">
                    {link()}
                  </a>
                </p>
                <QrCode text={link()} label="QR code of the poll's link" />
                <Show
                  when={closing()}
                  fallback={
                    <button type="button" class="danger-quiet" onClick={() => setClosing(true)}>
                      Close without a date…
                    </button>
                  }
                >
                  <p>
                    <strong>Close the poll without a date?</strong> No session is created; those who answered are told.
                  </p>
                  <div class="row">
                    <BusyButton type="button" class="danger" busy={act.isPending} onClick={() => close(p().id)}>
                      Yes, close it
                    </BusyButton>
                    <button type="button" class="secondary" onClick={() => setClosing(false)}>
                      Keep it open
                    </button>
                  </div>
                </Show>
              </section>
            </Show>
            <ActionError message={actionError(act.error)} />
          </article>
        );
      }}
    </Show>
  );
}

function sessionLine(p: PollView): string {
  const length = p.durationMinutes
    ? `a ${p.durationMinutes % 60 === 0 ? `${p.durationMinutes / 60}-hour` : `${p.durationMinutes}-minute`} session`
    : "a session";
  const players =
    p.minPlayers === p.maxPlayers
      ? `${p.maxPlayers} ${p.maxPlayers === 1 ? "player" : "players"}`
      : `${p.minPlayers} to ${p.maxPlayers} players`;
  return `The date picked becomes ${length} for ${players}.`;
}

/** Who the pick seats, said before the GM confirms it. */
function pickLine(p: PollView, option: Option): string {
  const coming = option.answers.filter((a) => a.userId !== p.host.id && a.choice !== "no").length;
  const seated = Math.min(coming, p.maxPlayers);
  const waiting = coming - seated;
  return (
    `${seated} of those who can come ${seated === 1 ? "is" : "are"} seated` +
    (waiting > 0 ? `, ${waiting} waitlisted (yes before if need be, then by who answered first)` : "") +
    ". Everyone asked is told, and the poll closes."
  );
}

function PollLoading(props: { error: unknown }) {
  return (
    <Show when={props.error} fallback={<p aria-busy="true">Loading…</p>}>
      <h1 tabindex="-1">This poll cannot be shown</h1>
      <p class="error" role="alert">
        {actionError(props.error)}
      </p>
    </Show>
  );
}
