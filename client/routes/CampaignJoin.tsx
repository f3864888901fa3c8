// /campaigns/join/:code: the invite link (or QR code) a GM shares.
import { A, useParams } from "@solidjs/router";
import { useMutation } from "@tanstack/solid-query";
import { Show } from "solid-js";
import { BusyButton } from "../components/BusyButton.tsx";
import { ActionError } from "../components/Field.tsx";
import { actionError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";

export default function CampaignJoin() {
  const params = useParams<{ code: string }>();
  const join = useMutation(() => ({
    mutationFn: (role: "player" | "observer") => trpc.campaign.joinByCode.mutate({ code: params.code, role }),
  }));
  return (
    <section class="card narrow">
      <h1 tabindex="-1">Join a campaign</h1>
      <Show
        when={join.data}
        fallback={
          <>
            <p>
              You were invited with the code <span class="code">{params.code}</span>.
            </p>
            <div class="row">
              <BusyButton type="button" busy={join.isPending} onClick={() => join.mutate("player")}>
                Join as a player
              </BusyButton>
              <BusyButton type="button" class="secondary" busy={join.isPending} onClick={() => join.mutate("observer")}>
                Join as an observer
              </BusyButton>
            </div>
          </>
        }
      >
        {(joined) => (
          <p role="status">
            You are in. <A href={`/campaigns/${joined().campaignId}`}>Go to the campaign</A>
          </p>
        )}
      </Show>
      <ActionError message={actionError(join.error)} />
    </section>
  );
}
