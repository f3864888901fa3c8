// The one API: every caller (web client, scripts) imports only `type AppRouter`.
import { apiTokenRouter, authRouter } from "./auth/router.ts";
import { notificationRouter } from "./notifications/router.ts";
import { participantRouter } from "./participants/router.ts";
import { presenceRouter } from "./presence/router.ts";
import { sessionRouter } from "./sessions/router.ts";
import { router } from "./trpc.ts";
import { userRouter } from "./users/router.ts";

export const appRouter = router({
  auth: authRouter,
  apiToken: apiTokenRouter,
  user: userRouter,
  session: sessionRouter,
  participant: participantRouter,
  notification: notificationRouter,
  presence: presenceRouter,
});

export type AppRouter = typeof appRouter;
