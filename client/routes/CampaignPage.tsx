// A campaign: its members, its invite (code, link, QR; GM only) and its history of
// sessions with their recaps.
import { A, useParams } from "@solidjs/router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError, Field, Form } from "../components/Field.tsx";
import { Markdown } from "../components/Markdown.tsx";
import { PastSessionList } from "../components/PastSession.tsx";
import { PollList } from "../components/PollList.tsx";
import { QrCode } from "../components/QrCode.tsx";
import { SessionCard } from "../components/SessionCard.tsx";
import { actionError, fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";

export default function CampaignPage() {
  const params = useParams<{ id: string }>();
  const queryClient = useQueryClient();
  const key = () => ["campaign.byId", params.id];
  const campaign = useQuery(() => ({
    queryKey: key(),
    queryFn: () => trpc.campaign.byId.query({ campaignId: params.id }),
  }));
  const upcoming = useQuery(() => ({
    queryKey: ["session.list", { campaignId: params.id }],
    queryFn: () => trpc.session.list.query({ campaignId: params.id, limit: 20 }),
  }));
  const act = useMutation(() => ({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key() }),
  }));

  return (
    <Show
      when={campaign.data}
      fallback={<p aria-busy="true">{campaign.error ? actionError(campaign.error) : "Loading…"}</p>}
    >
      {(c) => (
        <article>
          <h1 tabindex="-1">{c().title}</h1>
          <p class="muted">
            GM {c().gm.displayName}
            <Show when={c().scenario}>
              {(s) => (
                <>
                  {" "}
                  · {s().title} ({s().gameSystem})
                </>
              )}
            </Show>
            <Show when={c().archivedAt}> · archived</Show>
          </p>
          <Show when={c().description}>
            <Markdown source={c().description} />
          </Show>
          <Show when={c().myStanding === "gm" && !c().archivedAt}>
            <p>
              <A class="button" href={`/sessions/new?campaignId=${c().id}`}>
                Schedule a session
              </A>{" "}
              <A class="button secondary" href={`/polls/new?campaignId=${c().id}`}>
                Find a date (poll)
              </A>
            </p>
          </Show>

          <section aria-labelledby="polls-heading">
            <h2 id="polls-heading">Finding a date</h2>
            <PollList campaignId={c().id} empty="No polls yet." />
          </section>

          <section aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">Upcoming sessions</h2>
            <For
              each={upcoming.data?.items}
              fallback={<p class="muted">{upcoming.isPending ? "Loading…" : "None scheduled."}</p>}
            >
              {(s) => <SessionCard session={s} now={new Date()} level={3} />}
            </For>
          </section>

          <section class="card" aria-labelledby="members-heading">
            <h2 id="members-heading">Members</h2>
            <ul class="people">
              <li data-testid="campaign-gm">
                <strong>{c().gm.displayName}</strong> <span class="muted">· GM</span>
              </li>
            </ul>
            <Show when={c().members.length > 0} fallback={<p class="muted">No members yet: share the invite.</p>}>
              <ul class="people">
                <For each={c().members}>
                  {(m) => (
                    <li>
                      <strong>{m.user.displayName}</strong> <span class="muted">· {m.role}</span>
                      <Show when={c().myStanding === "gm"}>
                        <button
                          type="button"
                          class="link push-right"
                          onClick={() =>
                            act.mutate(() =>
                              trpc.campaign.removeMember.mutate({ campaignId: c().id, userId: m.user.id }),
                            )
                          }
                        >
                          Remove <span class="visually-hidden">{m.user.displayName}</span>
                        </button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Show when={c().myStanding === "member"}>
              <button
                type="button"
                class="secondary"
                onClick={() => act.mutate(() => trpc.campaign.leave.mutate({ campaignId: c().id }))}
              >
                Leave the campaign
              </button>
            </Show>
          </section>

          {/* The link on this site's own address (PUBLIC_URL is for scripts and emails). */}
          <Show when={c().inviteCode && `${window.location.origin}/campaigns/join/${c().inviteCode}`}>
            {(url) => (
              <section class="card" aria-labelledby="invite-heading">
                <h2 id="invite-heading">Invite</h2>
                <div class="grid two">
                  <div>
                    <p class="code" data-testid="invite-code">
                      {c().inviteCode}
                    </p>
                    <p>
                      <a href={url()}>{url()}</a>
                    </p>
                    <button
                      type="button"
                      class="secondary"
                      onClick={() =>
                        act.mutate(() => trpc.campaign.regenerateInviteCode.mutate({ campaignId: c().id }))
                      }
                    >
                      New code (the old one stops working)
                    </button>
                  </div>
                  <QrCode text={url()} label={`QR code to join ${c().title}`} />
                </div>
              </section>
            )}
          </Show>
          <ActionError message={actionError(act.error)} />
          <Show when={c().myStanding === "gm" && !c().archivedAt}>
            <DiscordWebhook
              campaignId={c().id}
              current={c().discordWebhookUrl}
              onSaved={() => void campaign.refetch()}
            />
          </Show>

          <section aria-labelledby="history-heading">
            <h2 id="history-heading">History</h2>
            <PastSessionList campaignId={params.id} empty="No sessions played yet." level={3} />
          </section>
        </article>
      )}
    </Show>
  );
}

/** The GM's Discord webhook: the campaign's new sessions, last calls, cancellations and reminders go there. */
function DiscordWebhook(props: { campaignId: string; current: string | null; onSaved: () => void }) {
  const [url, setUrl] = createSignal(props.current ?? "");
  const save = useMutation(() => ({
    mutationFn: () =>
      trpc.campaign.update.mutate({ campaignId: props.campaignId, discordWebhookUrl: url().trim() || null }),
    onSuccess: props.onSaved,
  }));
  return (
    <Form class="card" aria-label="Discord" onSubmit={() => save.mutateAsync()}>
      <h2>Discord</h2>
      <Field
        label="Channel webhook"
        name="discordWebhookUrl"
        type="url"
        maxlength={500}
        hint="In Discord: Edit Channel, Integrations, Webhooks, Copy Webhook URL. New sessions, last calls, cancellations and reminders are posted there."
        value={url()}
        onInput={(e) => setUrl(e.currentTarget.value)}
        error={fieldError(save.error, "discordWebhookUrl")}
      />
      <ActionError message={actionError(save.error, ["discordWebhookUrl"])} />
      <div class="row">
        <BusyButton type="submit" busy={save.isPending}>
          Save webhook
        </BusyButton>
        <Show when={save.isSuccess}>
          <span role="status">Saved.</span>
        </Show>
      </div>
    </Form>
  );
}
