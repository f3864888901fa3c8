// What the server put into the page for its first screen (src/http/first-screen.ts),
// placed in the query cache before anything renders: the screen draws at once, and
// asks the API only for what the page did not carry.
import type { QueryClient } from "@tanstack/solid-query";
import type { FirstScreenData } from "../../src/http/first-screen.ts";
import { NO_FILTERS } from "../../src/sessions/upcoming.ts";
import { clientTransformer as transformer } from "../../src/wire.ts";
import { openGamesKey } from "./find.ts";
import { accountKey, meKey, unreadCountKey } from "./me.ts";
import { openPollsKey, upcomingSessionsKey } from "./upcoming.ts";

export function seedFirstScreen(queryClient: QueryClient): void {
  const element = document.getElementById("first-screen");
  if (!element?.textContent) return; // served by Vite in development: the screens ask
  element.remove(); // read once: a later screen asks afresh
  const data = transformer.output.deserialize(element.textContent) as FirstScreenData;
  queryClient.setQueryData(meKey, data.me);
  if (data.account) queryClient.setQueryData(accountKey, data.account);
  if (data.unreadCount !== undefined) queryClient.setQueryData(unreadCountKey, data.unreadCount);
  if (data.upcomingSessions) {
    queryClient.setQueryData(upcomingSessionsKey(NO_FILTERS), { pages: [data.upcomingSessions], pageParams: [null] });
  }
  if (data.openPolls) queryClient.setQueryData(openPollsKey, data.openPolls);
  if (data.openGames) queryClient.setQueryData(openGamesKey, data.openGames);
}
