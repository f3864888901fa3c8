// Which actions a viewer has on a session, from its status and their place in it.
type Status = "scheduled" | "active" | "paused" | "completed" | "cancelled";
type Place = {
  role: "master" | "player" | "observer";
  status: "joined" | "waitlisted" | "left";
  /** Set when the GM removed them: only the GM can add them again. */
  removedAt?: Date | null;
} | null;

export type SessionActions = {
  join: boolean;
  leave: boolean;
  start: boolean;
  pause: boolean;
  resume: boolean;
  end: boolean;
  cancel: boolean;
  edit: boolean;
  writeRecord: boolean;
  sitAtTable: boolean;
};

export function sessionActions(
  session: { status: Status; allowLateJoin: boolean; startedAt: Date | null },
  place: Place,
  canManage: boolean,
): SessionActions {
  const open = session.status === "scheduled" || session.status === "active" || session.status === "paused";
  const inSession = place !== null && place.status !== "left";
  const joinable =
    session.status === "scheduled" ||
    ((session.status === "active" || session.status === "paused") && session.allowLateJoin);
  return {
    join: !inSession && joinable && !place?.removedAt,
    leave: inSession && place?.role !== "master" && open,
    start: canManage && session.status === "scheduled",
    pause: canManage && session.status === "active",
    resume: canManage && session.status === "paused",
    end: canManage && (session.status === "active" || session.status === "paused"),
    cancel: canManage && open,
    edit: canManage && open,
    writeRecord: canManage && session.startedAt !== null,
    sitAtTable:
      (canManage && open) ||
      (place?.status === "joined" && (session.status === "active" || session.status === "paused")),
  };
}
