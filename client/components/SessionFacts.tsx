// What a session is, when and where: the body of its page, for its players and for
// a signed-out visitor alike (who sees no meeting link: the server leaves it out).
import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { actionError } from "../lib/errors.ts";
import { formatDateTime, playedLine, playersNeededLine } from "../lib/time.ts";
import type { SessionView } from "../trpc.ts";
import { GameSummary } from "./GameSummary.tsx";
import { Markdown } from "./Markdown.tsx";

type Facts = Omit<SessionView, "gmNotes" | "joinCode" | "reminderMinutes" | "discordWebhookUrl">;

export function SessionFacts(props: { session: Facts }) {
  const s = () => props.session;
  return (
    <>
      <p>
        <strong>
          <time datetime={s().startsAt.toISOString()}>{formatDateTime(s().startsAt)}</time>
        </strong>
        <Show when={s().endsAt}>{(end) => <> until {formatDateTime(end())}</>}</Show>
        <br />
        GM {s().host.displayName}
        <Show when={s().campaign}>
          {(c) => (
            <>
              {" · "}
              <A href={`/campaigns/${c().id}`}>{c().title}</A>
            </>
          )}
        </Show>
      </p>
      <GameSummary session={s()} />
      <Show when={s().contentNotes}>
        <p data-testid="content-notes">
          <strong>Content notes:</strong> {s().contentNotes}
        </p>
      </Show>
      <Show when={s().venue}>
        {(v) => (
          <p>
            {v().name}
            <Show when={v().address}> · {v().address}</Show>
            <Show when={v().onlineUrl}>
              {(url) => (
                <>
                  {" · "}
                  <a href={url()} rel="noopener noreferrer" target="_blank">
                    Online link
                  </a>
                </>
              )}
            </Show>
          </p>
        )}
      </Show>
      <p class="row">
        <span class="seats" data-testid="seats">
          {s().playerCount}/{s().maxPlayers}
        </span>
        <span>players (at least {s().minPlayers})</span>
        <Show when={s().waitlistCount > 0}>
          <span class="muted">· {s().waitlistCount} on the waitlist</span>
        </Show>
      </p>
      <Show when={playersNeededLine(s(), new Date())}>{(line) => <p class="warning">{line()}</p>}</Show>
      <Show when={playedLine(s())}>{(line) => <p data-testid="played">{line()}</p>}</Show>
      <Show when={s().status === "cancelled"}>
        <p class="error" data-testid="cancelled" data-action="cancelled" tabindex="-1">
          {cancelledLine(s())}
        </p>
      </Show>
      <Show when={s().description}>
        <Markdown source={s().description} />
      </Show>
    </>
  );
}

function cancelledLine(session: { cancelledAt: Date | null; cancelReason: string | null }): string {
  const when = session.cancelledAt ? ` on ${formatDateTime(session.cancelledAt)}` : "";
  if (session.cancelReason === "under_filled")
    return `This session was cancelled${when}: not enough players joined in time.`;
  if (session.cancelReason) return `This session was cancelled${when}. The GM said: “${session.cancelReason}”`;
  return `This session was cancelled${when}.`;
}

/** While the session loads, or why it cannot be shown. */
export function SessionLoading(props: { error: unknown }) {
  return (
    <Show when={props.error} fallback={<p aria-busy="true">Loading the session…</p>}>
      <h1 tabindex="-1">Session not available</h1>
      <p class="error" role="alert">
        {actionError(props.error)}
      </p>
    </Show>
  );
}

/**
 * Join, for a signed-out visitor: an account first (or signing in), then straight back
 * to `next`, where Join is one tap.
 */
export function SignUpToJoin(props: { next: string; full: boolean }) {
  const next = () => encodeURIComponent(props.next);
  return (
    <div class="row gap-above" data-testid="sign-up-to-join">
      <A class="button" href={`/sign-in?new=1&next=${next()}`}>
        {props.full ? "Sign up to join the waitlist" : "Sign up to join"}
      </A>
      <A class="button secondary" href={`/sign-in?next=${next()}`}>
        I have an account
      </A>
    </div>
  );
}
