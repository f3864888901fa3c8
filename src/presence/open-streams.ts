// Counts each user's open presence streams per session in this process, so that
// closing one tab of two does not mark them offline.
export class OpenStreams {
  readonly #counts = new Map<string, number>();

  open(sessionId: string, userId: string): void {
    const key = `${sessionId}:${userId}`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  /** Returns true when that was the user's last open stream for the session. */
  close(sessionId: string, userId: string): boolean {
    const key = `${sessionId}:${userId}`;
    const left = (this.#counts.get(key) ?? 1) - 1;
    if (left > 0) this.#counts.set(key, left);
    else this.#counts.delete(key);
    return left <= 0;
  }
}
