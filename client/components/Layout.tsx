// The frame of every screen: navigation with the live unread badge, and focus moved
// to the main heading after each navigation (for keyboard and screen-reader users).
import { A, useLocation, useNavigate } from "@solidjs/router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createEffect, type JSX, on, Show } from "solid-js";
import { actionError } from "../lib/errors.ts";
import { useSubscription } from "../lib/live.ts";
import { accountKey, meKey, unreadCountKey, useMe } from "../lib/me.ts";
import { announceSignedOut } from "../lib/signed-out.ts";
import { viewerZone } from "../lib/time.ts";
import { trpc } from "../trpc.ts";
import { BusyButton } from "./BusyButton.tsx";

export function Layout(props: { children?: JSX.Element }) {
  const me = useMe();
  const location = useLocation();
  let main: HTMLElement | undefined;
  createEffect(
    on(
      () => location.pathname,
      () => focusHeading(main),
      { defer: true },
    ),
  );
  return (
    <>
      {/* The router would swallow the #main navigation: move focus by hand (WCAG 2.4.1). */}
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link to #main, whatever handles it */}
      <a
        class="skip"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          main?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="top">
        <nav aria-label="Main">
          <A href="/" class="brand" end>
            <LogoMark />
            Quorum
          </A>
          <Show when={me.data}>
            <A href="/" end>
              Sessions
            </A>
          </Show>
          <A href="/find">Find a game</A>
          <Show when={me.isSuccess && !me.data}>
            <A href="/sign-in">Sign in</A>
          </Show>
          <Show when={me.data}>
            <A href="/campaigns">Campaigns</A>
            <A href="/characters">Characters</A>
            <A href="/venues">Venues</A>
            <InboxLink />
            <AccountMenu name={me.data?.displayName ?? ""} admin={me.data?.role === "admin"} />
          </Show>
        </nav>
      </header>
      <main id="main" ref={main} tabindex="-1">
        <Show when={me.data}>
          <ConfirmEmailNotice />
        </Show>
        {props.children}
      </main>
      <footer class="zone muted" data-testid="zone-note">
        Times are in your time zone, {viewerZone()}.
      </footer>
    </>
  );
}

/** The mark beside the name (client/public/favicon.svg is the same drawing): a die's face. */
function LogoMark() {
  return (
    <svg class="mark" viewBox="0 0 64 64" aria-hidden="true">
      <rect width="64" height="64" rx="14" fill="#7c3aed" />
      <path d="M32 9 53 21v22L32 55 11 43V21Z" fill="none" stroke="#fff" stroke-width="4" stroke-linejoin="round" />
      <path d="M32 9v46M11 21l42 22M53 21 11 43" stroke="#fff" stroke-width="2.5" opacity=".7" />
    </svg>
  );
}

/** Until the address is confirmed, Quorum sends it nothing else: say so, with a way to resend. */
function ConfirmEmailNotice() {
  const account = useQuery(() => ({ queryKey: accountKey, queryFn: () => trpc.account.get.query() }));
  const resend = useMutation(() => ({ mutationFn: () => trpc.account.resendVerification.mutate() }));
  return (
    <Show when={account.data && !account.data.emailVerified}>
      <p class="notice" role="status">
        <Show
          when={resend.data}
          fallback={
            <>
              Confirm your address with the link we sent to {account.data?.email}: until then, Quorum emails you
              nothing.{" "}
              <BusyButton type="button" class="link" busy={resend.isPending} onClick={() => resend.mutate()}>
                Send it again
              </BusyButton>
            </>
          }
        >
          A new link is on its way to {account.data?.email}.
        </Show>
        <Show when={resend.error}>{(error) => <span class="error"> {actionError(error())}</span>}</Show>
      </p>
    </Show>
  );
}

/** Moves focus to the new screen's heading once it has rendered (screens load lazily). */
function focusHeading(main: HTMLElement | undefined, triesLeft = 30): void {
  const heading = main?.querySelector<HTMLElement>("h1");
  if (heading) heading.focus();
  else if (triesLeft > 0) requestAnimationFrame(() => focusHeading(main, triesLeft - 1));
  else main?.focus();
}

function InboxLink() {
  const queryClient = useQueryClient();
  const unread = useQuery(() => ({
    queryKey: unreadCountKey,
    queryFn: () => trpc.notification.unreadCount.query(),
  }));
  // New notifications arrive live; the badge and the inbox refresh as they do.
  useSubscription(() =>
    trpc.notification.onCreated.subscribe(undefined, {
      onData: () => {
        void queryClient.invalidateQueries({ queryKey: unreadCountKey });
        void queryClient.invalidateQueries({ queryKey: ["notification.list"] });
      },
    }),
  );
  return (
    // Its name is its text, so what a voice user says ("Inbox") and what a screen reader
    // reads ("Inbox, 2 unread") both match what is shown.
    <A href="/inbox">
      Inbox
      <Show when={(unread.data ?? 0) > 0}>
        <span class="visually-hidden">, </span>
        <span class="badge" data-testid="unread-badge">
          {unread.data}
        </span>
        <span class="visually-hidden"> unread</span>
      </Show>
    </A>
  );
}

/** The account's own pages and signing out, under the person's name (not in the main nav). */
function AccountMenu(props: { name: string; admin: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  let menu: HTMLDetailsElement | undefined;
  const signOut = useMutation(() => ({
    mutationFn: () => trpc.auth.signOut.mutate(),
    onSuccess: () => {
      announceSignedOut();
      // clear() alone would drop the queries without telling their observers: the header
      // kept the name and the menu. Saying "nobody" first redraws it signed out.
      queryClient.setQueryData(meKey, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
      navigate("/sign-in");
    },
  }));
  return (
    <details class="account" ref={menu}>
      <summary>
        <span class="visually-hidden">Account: </span>
        {props.name}
      </summary>
      <div class="menu">
        <A href="/settings" onClick={() => menu?.removeAttribute("open")}>
          Settings
        </A>
        <A href="/tokens" onClick={() => menu?.removeAttribute("open")}>
          Tokens, calendar, devices
        </A>
        <Show when={props.admin}>
          <A href="/admin/outgoing" onClick={() => menu?.removeAttribute("open")}>
            Outgoing email and Discord posts
          </A>
        </Show>
        <button type="button" class="link" onClick={() => signOut.mutate()}>
          Sign out
        </button>
      </div>
    </details>
  );
}

/** Screens for signed-in people: others are sent to sign in, then brought back. */
export function RequireUser(props: { children?: JSX.Element }) {
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  createEffect(() => {
    if (me.isSuccess && !me.data) {
      navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    }
  });
  return (
    <Show when={me.data} fallback={<p aria-busy="true">Loading…</p>}>
      {props.children}
    </Show>
  );
}
