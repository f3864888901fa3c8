import { Route, Router } from "@solidjs/router";
import { QueryClient, QueryClientProvider } from "@tanstack/solid-query";
import { type Component, type JSX, lazy } from "solid-js";
import { render } from "solid-js/web";
import { Layout, RequireUser } from "./components/Layout.tsx";
import "./styles.css";

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 10_000 } } });

// Each screen loads when first visited, so the first page stays small.
const signedIn = (load: () => Promise<{ default: Component }>) => {
  const Page = lazy(load);
  return () => (
    <RequireUser>
      <Page />
    </RequireUser>
  );
};

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

render(
  () => (
    <QueryClientProvider client={queryClient}>
      <Router root={(props: { children?: JSX.Element }) => <Layout>{props.children}</Layout>}>
        <Route path="/sign-in" component={lazy(() => import("./routes/SignIn.tsx"))} />
        <Route path="/forgot-password" component={lazy(() => import("./routes/ForgotPassword.tsx"))} />
        <Route path="/reset-password" component={lazy(() => import("./routes/ResetPassword.tsx"))} />
        <Route path="/welcome" component={lazy(() => import("./routes/Welcome.tsx"))} />
        <Route path="/verify-email" component={lazy(() => import("./routes/VerifyEmail.tsx"))} />
        <Route path="/unsubscribe" component={lazy(() => import("./routes/Unsubscribe.tsx"))} />
        <Route path="/" component={signedIn(() => import("./routes/Sessions.tsx"))} />
        <Route path="/past" component={signedIn(() => import("./routes/PastSessions.tsx"))} />
        <Route path="/sessions/new" component={signedIn(() => import("./routes/SessionNew.tsx"))} />
        <Route path="/sessions/:id" component={signedIn(() => import("./routes/SessionPage.tsx"))} />
        <Route path="/sessions/:id/record" component={signedIn(() => import("./routes/SessionRecord.tsx"))} />
        <Route path="/join/:code" component={signedIn(() => import("./routes/JoinByCode.tsx"))} />
        <Route path="/polls/new" component={signedIn(() => import("./routes/PollNew.tsx"))} />
        <Route path="/polls/:code" component={signedIn(() => import("./routes/PollPage.tsx"))} />
        <Route path="/campaigns" component={signedIn(() => import("./routes/Campaigns.tsx"))} />
        <Route path="/campaigns/join/:code" component={signedIn(() => import("./routes/CampaignJoin.tsx"))} />
        <Route path="/campaigns/:id" component={signedIn(() => import("./routes/CampaignPage.tsx"))} />
        <Route path="/venues" component={signedIn(() => import("./routes/Venues.tsx"))} />
        <Route path="/characters" component={signedIn(() => import("./routes/Characters.tsx"))} />
        <Route path="/inbox" component={signedIn(() => import("./routes/Inbox.tsx"))} />
        <Route path="/tokens" component={signedIn(() => import("./routes/ApiTokens.tsx"))} />
        <Route path="/settings" component={signedIn(() => import("./routes/Settings.tsx"))} />
        <Route path="/admin/outgoing" component={signedIn(() => import("./routes/OutgoingMessages.tsx"))} />
        <Route path="*" component={() => <h1 tabindex="-1">Page not found</h1>} />
      </Router>
    </QueryClientProvider>
  ),
  root,
);
