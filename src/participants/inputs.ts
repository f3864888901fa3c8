// Inputs of the participant procedures.
import { z } from "zod";
import { Id, JoinCodeInput } from "../sessions/inputs.ts";

/** Roles a participant can be given; "master" belongs to the host alone. */
export const SeatRole = z.enum(["player", "observer"]);

export const ParticipantListInput = z.object({ sessionId: Id });

export const JoinInput = z.object({
  sessionId: Id,
  role: SeatRole.default("player"),
  characterId: Id.nullish(),
});

export const JoinByCodeInput = JoinCodeInput.extend({
  role: SeatRole.default("player"),
  characterId: Id.nullish(),
});

export const LeaveInput = z.object({ sessionId: Id });

export const AddParticipantInput = z.object({ sessionId: Id, userId: Id, role: SeatRole.default("player") });

export const RemoveParticipantInput = z.object({ sessionId: Id, userId: Id });

export const SetCharacterInput = z.object({ sessionId: Id, characterId: Id.nullable() });

export const SetRoleInput = z.object({ sessionId: Id, userId: Id, role: SeatRole });
