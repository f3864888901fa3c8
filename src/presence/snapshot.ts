// Who is at the table: the session's members (joined participants, and anyone
// else connected, such as an admin) with their presence, online first.
import type { Db } from "../db/client.ts";
import type { ParticipantRole } from "../generated/prisma/enums.ts";

export type PresenceMember = {
  userId: string;
  displayName: string;
  /** Null for someone at the table who is not a participant (an admin looking in). */
  role: ParticipantRole | null;
  character: { id: string; name: string } | null;
  online: boolean;
  connectedAt: Date | null;
  lastSeenAt: Date | null;
  disconnectedAt: Date | null;
};

export type PresenceSnapshot = { sessionId: string; version: number; members: PresenceMember[] };

export async function presenceSnapshot(db: Db, sessionId: string): Promise<PresenceSnapshot | null> {
  const [gameSession, participants, presences] = await Promise.all([
    db.gameSession.findUnique({ where: { id: sessionId }, select: { presenceVersion: true } }),
    db.participant.findMany({
      where: { gameSessionId: sessionId, status: "joined" },
      select: {
        userId: true,
        role: true,
        user: { select: { displayName: true } },
        character: { select: { id: true, name: true } },
      },
    }),
    db.presence.findMany({
      where: { gameSessionId: sessionId },
      select: {
        userId: true,
        online: true,
        connectedAt: true,
        lastSeenAt: true,
        disconnectedAt: true,
        user: { select: { displayName: true } },
        character: { select: { id: true, name: true } },
      },
    }),
  ]);
  if (!gameSession) return null;
  const presenceOf = new Map(presences.map((p) => [p.userId, p]));
  const members: PresenceMember[] = participants.map((p) => {
    const presence = presenceOf.get(p.userId);
    presenceOf.delete(p.userId);
    return {
      userId: p.userId,
      displayName: p.user.displayName,
      role: p.role,
      character: presence?.online && presence.character ? presence.character : p.character,
      online: presence?.online ?? false,
      connectedAt: presence?.connectedAt ?? null,
      lastSeenAt: presence?.lastSeenAt ?? null,
      disconnectedAt: presence?.disconnectedAt ?? null,
    };
  });
  for (const p of presenceOf.values()) {
    if (!p.online) continue;
    const { user, ...presence } = p;
    members.push({ ...presence, displayName: user.displayName, role: null });
  }
  members.sort((a, b) => Number(b.online) - Number(a.online) || a.displayName.localeCompare(b.displayName));
  return { sessionId, version: gameSession.presenceVersion, members };
}
