import { z } from "zod";
import { Id } from "../sessions/inputs.ts";
import { text } from "../text-input.ts";

export const PresenceConnectInput = z.strictObject({ sessionId: Id, characterId: Id.nullish() });
export const PresenceSessionInput = z.strictObject({ sessionId: Id });
/** tRPC fills lastEventId when an SSE client reconnects. */
export const PresenceStreamInput = z.strictObject({ sessionId: Id, lastEventId: text().max(100).nullish() });
