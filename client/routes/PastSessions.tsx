// The sessions I played or ran that are over, newest first, with their recaps.
import { A } from "@solidjs/router";
import { PastSessionList } from "../components/PastSession.tsx";

export default function PastSessions() {
  return (
    <section>
      <div class="spread">
        <h1 tabindex="-1">Past sessions</h1>
        <A class="button secondary" href="/">
          Upcoming sessions
        </A>
      </div>
      <PastSessionList empty="None yet: the sessions you play will be here." level={2} showCampaign />
    </section>
  );
}
