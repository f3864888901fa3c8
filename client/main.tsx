import { Route, Router } from "@solidjs/router";
import { QueryClient, QueryClientProvider } from "@tanstack/solid-query";
import { type Component, type JSX, lazy, Match, Switch } from "solid-js";
import { render } from "solid-js/web";
import { Layout, RequireUser } from "./components/Layout.tsx";
import { seedFirstScreen } from "./lib/first-screen.ts";
import { meKey, useMe } from "./lib/me.ts";
import { preloadUpcoming } from "./lib/upcoming.ts";
import "./styles.css";

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 10_000 } } });
seedFirstScreen(queryClient);

// Each screen loads when first visited, so the first page stays small. The router starts
// loading a screen's code (`preload` on the component) as soon as its address matches,
// alongside auth.me rather than after it.
type Screen = Component & { preload?: () => unknown };

const signedIn = (Page: Screen) => {
  const Screen = () => (
    <RequireUser>
      <Page />
    </RequireUser>
  );
  return Object.assign(Screen, { preload: Page.preload });
};

/** An address for everyone: one screen for signed-in people, another for visitors. */
const signedInOr = (SignedIn: Screen, SignedOut: Screen) => {
  const Screen = () => {
    const me = useMe();
    return (
      <Switch fallback={<p aria-busy="true">Loading…</p>}>
        <Match when={me.data}>
          <SignedIn />
        </Match>
        <Match when={me.isSuccess}>
          <SignedOut />
        </Match>
      </Switch>
    );
  };
  // The code of the screen this visitor will see; both while nobody knows who they are.
  const preload = () => {
    const me = queryClient.getQueryData(meKey);
    if (me !== null) SignedIn.preload?.();
    if (!me) SignedOut.preload?.();
  };
  return Object.assign(Screen, { preload });
};

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

render(
  () => (
    <QueryClientProvider client={queryClient}>
      <Router root={(props: { children?: JSX.Element }) => <Layout>{props.children}</Layout>}>
        {/* The screens people land on: the server's page names their code for the browser to
            fetch beside this bundle, and carries their data (src/http/first-screen.ts). */}
        <Route path="/sign-in" component={lazy(() => import("./routes/SignIn.tsx"))} />
        <Route path="/forgot-password" component={lazy(() => import("./routes/ForgotPassword.tsx"))} />
        <Route path="/reset-password" component={lazy(() => import("./routes/ResetPassword.tsx"))} />
        <Route path="/welcome" component={lazy(() => import("./routes/Welcome.tsx"))} />
        <Route path="/verify-email" component={lazy(() => import("./routes/VerifyEmail.tsx"))} />
        <Route path="/unsubscribe" component={lazy(() => import("./routes/Unsubscribe.tsx"))} />
        <Route
          path="/"
          component={signedInOr(
            lazy(() => import("./routes/Sessions.tsx")),
            lazy(() => import("./routes/FrontPage.tsx")),
          )}
          preload={() => preloadUpcoming(queryClient)}
        />
        <Route path="/past" component={signedIn(lazy(() => import("./routes/PastSessions.tsx")))} />
        <Route path="/sessions/new" component={signedIn(lazy(() => import("./routes/SessionNew.tsx")))} />
        <Route
          path="/sessions/:id"
          component={signedInOr(
            lazy(() => import("./routes/SessionPage.tsx")),
            lazy(() => import("./routes/SessionPublic.tsx")),
          )}
        />
        <Route path="/sessions/:id/record" component={signedIn(lazy(() => import("./routes/SessionRecord.tsx")))} />
        <Route path="/join/:code" component={lazy(() => import("./routes/JoinByCode.tsx"))} />
        <Route path="/find" component={lazy(() => import("./routes/FindGame.tsx"))} />
        <Route path="/polls/new" component={signedIn(lazy(() => import("./routes/PollNew.tsx")))} />
        <Route path="/polls/:code" component={signedIn(lazy(() => import("./routes/PollPage.tsx")))} />
        <Route path="/campaigns" component={signedIn(lazy(() => import("./routes/Campaigns.tsx")))} />
        <Route path="/campaigns/join/:code" component={signedIn(lazy(() => import("./routes/CampaignJoin.tsx")))} />
        <Route path="/campaigns/:id" component={signedIn(lazy(() => import("./routes/CampaignPage.tsx")))} />
        <Route path="/venues" component={signedIn(lazy(() => import("./routes/Venues.tsx")))} />
        <Route path="/characters" component={signedIn(lazy(() => import("./routes/Characters.tsx")))} />
        <Route path="/inbox" component={signedIn(lazy(() => import("./routes/Inbox.tsx")))} />
        <Route path="/tokens" component={signedIn(lazy(() => import("./routes/ApiTokens.tsx")))} />
        <Route path="/settings" component={signedIn(lazy(() => import("./routes/Settings.tsx")))} />
        <Route path="/admin/outgoing" component={signedIn(lazy(() => import("./routes/OutgoingMessages.tsx")))} />
        <Route path="*" component={() => <h1 tabindex="-1">Page not found</h1>} />
      </Router>
    </QueryClientProvider>
  ),
  root,
);
