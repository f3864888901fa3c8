// Seating a campaign's members in a new occurrence of its series, when the GM chose
// so. The order is fair and stated: whoever has had the fewest seats in this series so
// far comes first (ties: who joined the campaign first), so those waitlisted last time
// are seated next time. Past maxPlayers, members are waitlisted in that order. A member
// who cannot make one date leaves that occurrence like any player.
import type { Tx } from "../db/client.ts";
import type { Outbox } from "../events/outbox.ts";
import { seatInOrder } from "../participants/seats.ts";

export async function seatMembers(
  tx: Tx,
  outbox: Outbox,
  series: { id: string; campaignId: string | null; hostId: string; maxPlayers: number; title: string },
  gameSessionId: string,
  now: Date,
  options: { tell: boolean },
): Promise<void> {
  if (!series.campaignId) return;
  const members = await tx.campaignMember.findMany({
    where: { campaignId: series.campaignId, role: "player", userId: { not: series.hostId } },
    orderBy: [{ joinedAt: "asc" }, { userId: "asc" }],
    select: { userId: true },
  });
  if (members.length === 0) return;
  const seats = await tx.participant.groupBy({
    by: ["userId"],
    where: {
      userId: { in: members.map((m) => m.userId) },
      role: "player",
      status: "joined",
      gameSession: { seriesId: series.id, id: { not: gameSessionId } },
    },
    _count: { _all: true },
  });
  const seatsOf = new Map(seats.map((row) => [row.userId, row._count._all]));
  // A stable sort keeps the campaign order among equals.
  const order = [...members].sort((a, b) => (seatsOf.get(a.userId) ?? 0) - (seatsOf.get(b.userId) ?? 0));
  await seatInOrder(
    tx,
    outbox,
    { id: gameSessionId, title: series.title, maxPlayers: series.maxPlayers },
    order.map((member) => member.userId),
    now,
    options,
  );
}
