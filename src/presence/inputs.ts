import { z } from "zod";
import { Id } from "../sessions/inputs.ts";

export const PresenceConnectInput = z.object({ sessionId: Id, characterId: Id.nullish() });
export const PresenceSessionInput = z.object({ sessionId: Id });
/** tRPC fills lastEventId when an SSE client reconnects. */
export const PresenceStreamInput = z.object({ sessionId: Id, lastEventId: z.string().max(100).nullish() });
