// The minimal page that proves the wiring: sign in (or up), then list upcoming sessions.
// The full client is a later issue.
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { trpc } from "./trpc.ts";

export function App() {
  const me = useQuery(() => ({ queryKey: ["auth.me"], queryFn: () => trpc.auth.me.query() }));
  return (
    <main style={{ "max-width": "40rem", margin: "2rem auto", padding: "0 1rem", "font-family": "system-ui" }}>
      <h1>Quorum</h1>
      <Switch>
        <Match when={me.isPending}>
          <p>Loading…</p>
        </Match>
        <Match when={me.data}>{(user) => <SessionList name={user().displayName} />}</Match>
        <Match when={true}>
          <SignInForm />
        </Match>
      </Switch>
    </main>
  );
}

function SignInForm() {
  const queryClient = useQueryClient();
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [displayName, setDisplayName] = createSignal("");
  const [creating, setCreating] = createSignal(false);
  const submit = useMutation(() => ({
    mutationFn: () =>
      creating()
        ? trpc.auth.signUp.mutate({ email: email(), password: password(), displayName: displayName() })
        : trpc.auth.signIn.mutate({ email: email(), password: password() }),
    onSuccess: () => queryClient.invalidateQueries(),
  }));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit.mutate();
      }}
    >
      <h2>{creating() ? "Create an account" : "Sign in"}</h2>
      <Show when={creating()}>
        <label>
          Name <input name="displayName" value={displayName()} onInput={(e) => setDisplayName(e.currentTarget.value)} />
        </label>
      </Show>
      <label>
        Email <input name="email" type="email" value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      <label>
        Password{" "}
        <input name="password" type="password" value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={submit.isPending}>
        {creating() ? "Create account" : "Sign in"}
      </button>
      <button type="button" onClick={() => setCreating(!creating())}>
        {creating() ? "I have an account" : "Create an account"}
      </button>
      <Show when={submit.error}>{(error) => <p role="alert">{error().message}</p>}</Show>
    </form>
  );
}

function SessionList(props: { name: string }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries();
  const sessions = useQuery(() => ({
    queryKey: ["session.list", "upcoming"],
    queryFn: () => trpc.session.list.query({ from: new Date(), status: ["scheduled", "active", "paused"] }),
  }));
  const signOut = useMutation(() => ({ mutationFn: () => trpc.auth.signOut.mutate(), onSuccess: refresh }));
  const join = useMutation(() => ({
    mutationFn: (sessionId: string) => trpc.participant.join.mutate({ sessionId }),
    onSuccess: refresh,
  }));
  return (
    <section>
      <p>
        Signed in as {props.name}.{" "}
        <button type="button" onClick={() => signOut.mutate()}>
          Sign out
        </button>
      </p>
      <CreateSessionForm onCreated={refresh} />
      <h2>Upcoming sessions</h2>
      <Show when={join.error}>{(error) => <p role="alert">{error().message}</p>}</Show>
      <Show when={sessions.data} fallback={<p>Loading sessions…</p>}>
        {(page) => (
          <Show when={page().items.length > 0} fallback={<p>No upcoming sessions yet.</p>}>
            <ul>
              <For each={page().items}>
                {(s) => (
                  <li>
                    <strong>{s.title}</strong> — {s.startsAt.toLocaleString()} — {s.playerCount}/{s.maxPlayers} players
                    {s.venue ? ` at ${s.venue.name}` : ""}{" "}
                    <button type="button" onClick={() => join.mutate(s.id)}>
                      Join
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}

function CreateSessionForm(props: { onCreated: () => void }) {
  const [title, setTitle] = createSignal("");
  const [startsAt, setStartsAt] = createSignal("");
  const create = useMutation(() => ({
    // datetime-local is in the viewer's time zone; Date parses it as local time.
    mutationFn: () => trpc.session.create.mutate({ title: title(), startsAt: new Date(startsAt()) }),
    onSuccess: () => {
      setTitle("");
      props.onCreated();
    },
  }));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h2>Schedule a session</h2>
      <label>
        Title <input name="title" value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <label>
        Starts{" "}
        <input
          name="startsAt"
          type="datetime-local"
          value={startsAt()}
          onInput={(e) => setStartsAt(e.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={create.isPending}>
        Schedule
      </button>
      <Show when={create.error}>{(error) => <p role="alert">{error().message}</p>}</Show>
    </form>
  );
}
