// A live view as a stream of whole snapshots: the current one first, then every newer
// one, as tracked events keyed by version, so a client never merges and a
// reconnecting one simply starts again from the latest.
import { tracked } from "@trpc/server";

export async function* versionedSnapshots<T extends { version: number }>(current: T, live: AsyncIterable<T>) {
  yield tracked(String(current.version), current);
  let sent = current.version;
  for await (const snapshot of live) {
    // Announcements race their commits; never step back to an older state.
    if (snapshot.version <= sent) continue;
    sent = snapshot.version;
    yield tracked(String(sent), snapshot);
  }
}
