import { useNavigate, useSearchParams } from "@solidjs/router";
import { useMutation, useQueryClient } from "@tanstack/solid-query";
import { ActionError } from "../components/Field.tsx";
import { SESSION_FORM_FIELDS, SessionForm, type SessionFormValues } from "../components/SessionForm.tsx";
import { actionError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";

export default function SessionNew() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams<{ campaignId?: string }>();
  const create = useMutation(() => ({
    mutationFn: (v: SessionFormValues) =>
      trpc.session.create.mutate({
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
      }),
    onSuccess: (session) => {
      void queryClient.invalidateQueries({ queryKey: ["session.list"] });
      navigate(`/sessions/${session.id}`);
    },
  }));
  return (
    <section>
      <h1 tabindex="-1">Schedule a session</h1>
      <SessionForm
        withCampaign
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
