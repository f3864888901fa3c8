import { z } from "zod";
import { Id } from "../sessions/inputs.ts";
import { text } from "../text-input.ts";

export const PresenceConnectInput = z.object({ sessionId: Id, characterId: Id.nullish() });
export const PresenceSessionInput = z.object({ sessionId: Id });
/** tRPC fills lastEventId when an SSE client reconnects. */
export const PresenceStreamInput = z.object({ sessionId: Id, lastEventId: text().max(100).nullish() });
