// Inputs of the participant procedures.
import { z } from "zod";
import { Id, JoinCodeInput } from "../sessions/inputs.ts";

/** Roles a participant can be given; "master" belongs to the host alone. */
export const SeatRole = z.enum(["player", "observer"]);

export const ParticipantListInput = z.strictObject({ sessionId: Id });

export const JoinInput = z.strictObject({
  sessionId: Id,
  role: SeatRole.default("player"),
  characterId: Id.nullish(),
});

export const JoinByCodeInput = JoinCodeInput.extend({
  role: SeatRole.default("player"),
  characterId: Id.nullish(),
});

export const LeaveInput = z.strictObject({ sessionId: Id });

export const AddParticipantInput = z.strictObject({ sessionId: Id, userId: Id, role: SeatRole.default("player") });

export const RemoveParticipantInput = z.strictObject({ sessionId: Id, userId: Id });

export const SetCharacterInput = z.strictObject({ sessionId: Id, characterId: Id.nullable() });

export const SetRoleInput = z.strictObject({ sessionId: Id, userId: Id, role: SeatRole });
