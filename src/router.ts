// The one API: every caller (web client, scripts) imports only `type AppRouter`.
import { accountRouter, apiTokenRouter, authRouter } from "./auth/router.ts";
import { calendarRouter } from "./calendar/router.ts";
import { campaignRouter } from "./campaigns/router.ts";
import { characterRouter } from "./characters/router.ts";
import { notificationRouter } from "./notifications/router.ts";
import { outgoingRouter } from "./outgoing/router.ts";
import { participantRouter } from "./participants/router.ts";
import { pollRouter } from "./polls/router.ts";
import { presenceRouter } from "./presence/router.ts";
import { keyEventRouter, recordRouter } from "./records/router.ts";
import { scenarioRouter } from "./scenarios/router.ts";
import { seriesRouter } from "./series/router.ts";
import { sessionRouter } from "./sessions/router.ts";
import { router } from "./trpc.ts";
import { userRouter } from "./users/router.ts";
import { venueRouter } from "./venues/router.ts";

export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
  apiToken: apiTokenRouter,
  user: userRouter,
  session: sessionRouter,
  series: seriesRouter,
  poll: pollRouter,
  participant: participantRouter,
  notification: notificationRouter,
  presence: presenceRouter,
  scenario: scenarioRouter,
  campaign: campaignRouter,
  venue: venueRouter,
  character: characterRouter,
  record: recordRouter,
  keyEvent: keyEventRouter,
  calendar: calendarRouter,
  outgoing: outgoingRouter,
});

export type AppRouter = typeof appRouter;
