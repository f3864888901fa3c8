// Who may manage a game session: its host GM, or any admin.
import type { AuthUser } from "../auth/lucia.ts";

export function canManageSession(user: Pick<AuthUser, "id" | "role">, gameSession: { hostId: string }): boolean {
  return user.role === "admin" || gameSession.hostId === user.id;
}
