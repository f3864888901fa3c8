import { router, sessionGmProcedure, sessionReaderProcedure, signedInProcedure } from "../trpc.ts";
import {
  AddParticipantInput,
  JoinByCodeInput,
  JoinInput,
  LeaveInput,
  ParticipantListInput,
  RemoveParticipantInput,
  SetCharacterInput,
  SetRoleInput,
} from "./inputs.ts";
import {
  addParticipant,
  joinGameSession,
  joinGameSessionByCode,
  leaveGameSession,
  listParticipants,
  removeParticipant,
  setParticipantCharacter,
  setParticipantRole,
} from "./rules.ts";

export const participantRouter = router({
  list: sessionReaderProcedure
    .input(ParticipantListInput)
    .query(({ ctx, input }) => listParticipants(ctx.db, ctx.user, input.sessionId)),

  // A user joins, leaves and picks a character only as themself.
  join: signedInProcedure
    .input(JoinInput)
    .mutation(({ ctx, input }) => joinGameSession(ctx, ctx.user, input.sessionId, ctx.now(), input)),
  joinByCode: signedInProcedure
    .input(JoinByCodeInput)
    .mutation(({ ctx, input }) => joinGameSessionByCode(ctx, ctx.user, input.code, ctx.now(), input)),
  leave: signedInProcedure.input(LeaveInput).mutation(async ({ ctx, input }) => {
    await leaveGameSession(ctx, ctx.user, input.sessionId, ctx.now());
    return { left: true };
  }),
  setCharacter: signedInProcedure
    .input(SetCharacterInput)
    .mutation(({ ctx, input }) => setParticipantCharacter(ctx.db, ctx.user, input.sessionId, input.characterId)),

  // The session's GM (or an admin) manages everyone else.
  add: sessionGmProcedure
    .input(AddParticipantInput)
    .mutation(({ ctx, input }) => addParticipant(ctx, input.sessionId, input.userId, input.role, ctx.now())),
  remove: sessionGmProcedure.input(RemoveParticipantInput).mutation(async ({ ctx, input }) => {
    await removeParticipant(ctx, input.sessionId, input.userId, ctx.now());
    return { removed: true };
  }),
  setRole: sessionGmProcedure
    .input(SetRoleInput)
    .mutation(({ ctx, input }) => setParticipantRole(ctx, input.sessionId, input.userId, input.role, ctx.now())),
});
