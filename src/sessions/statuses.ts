// Open sessions (scheduled, active, paused) still change; completed and cancelled are final.
import type { GameSessionStatus } from "../generated/prisma/enums.ts";

/** Statuses that count toward the host cap and that can still change. */
export const OPEN_STATUSES: GameSessionStatus[] = ["scheduled", "active", "paused"];

export const isOpen = (status: GameSessionStatus) => OPEN_STATUSES.includes(status);
