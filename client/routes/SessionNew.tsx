import { useNavigate, useSearchParams } from "@solidjs/router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { Show } from "solid-js";
import { ActionError } from "../components/Field.tsx";
import { gameInput } from "../components/GameFields.tsx";
import { browserZone, repetitionInput } from "../components/RepeatFields.tsx";
import { SESSION_FORM_FIELDS, SessionForm, type SessionFormValues } from "../components/SessionForm.tsx";
import { actionError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";

export default function SessionNew() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams<{ campaignId?: string }>();
  const cap = useQuery(() => ({ queryKey: ["session.hostCap"], queryFn: () => trpc.session.hostCap.query() }));
  const create = useMutation(() => ({
    mutationFn: async (v: SessionFormValues) => {
      const fields = {
        title: v.title,
        description: v.description,
        // A missing date is sent as an invalid one, so the server names the field.
        startsAt: v.startsAt ?? new Date(Number.NaN),
        endsAt: v.endsAt,
        minPlayers: v.minPlayers,
        maxPlayers: v.maxPlayers,
        allowLateJoin: v.allowLateJoin,
        venueId: v.venueId,
        campaignId: v.campaignId,
        reminderMinutes: v.reminderMinutes,
        discordWebhookUrl: v.discordWebhookUrl,
        ...gameInput(v),
      };
      const repeat = repetitionInput(v.repeat);
      if (!repeat) return trpc.session.create.mutate(fields);
      const { first } = await trpc.series.create.mutate({
        ...fields,
        repeat,
        timeZone: browserZone(),
        seatMembers: !!v.campaignId && v.seatMembers,
      });
      return first;
    },
    onSuccess: (session) => {
      void queryClient.invalidateQueries({ queryKey: ["session.list"] });
      void queryClient.invalidateQueries({ queryKey: ["session.hostCap"] });
      navigate(`/sessions/${session.id}`);
    },
  }));
  return (
    <section>
      <h1 tabindex="-1">Schedule a session</h1>
      {/* The host cap before the form, not only as a refusal after it. */}
      <Show when={cap.data}>
        {(c) => (
          <p class={c().full ? "warning" : "muted"} data-testid="host-cap">
            {c().full
              ? `You already host ${hosted(c().hosting)}, the most anyone may. End or cancel one before scheduling another.`
              : `You host ${c().hosting} of at most ${c().limit} sessions or series.`}{" "}
            {c().rule}
          </p>
        )}
      </Show>
      <SessionForm
        withCampaign
        withRepeat
        initial={{ campaignId: params.campaignId ?? null }}
        error={create.error}
        pending={create.isPending}
        submitLabel="Schedule"
        onSubmit={(v) => create.mutateAsync(v)}
      />
      <ActionError message={actionError(create.error, SESSION_FORM_FIELDS)} />
    </section>
  );
}

const hosted = (n: number) => (n === 1 ? "1 session or series" : `${n} sessions or series`);
