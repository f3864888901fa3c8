// Where focus goes when an action changes the screen under it (for keyboard and
// screen-reader users): an action whose button goes away (Start becomes Pause, Join
// becomes Leave) must not drop focus to the page's start.

/**
 * Focuses what `find` returns as soon as it is on the page (the answer that replaces
 * the button may take a request to arrive), unless the person has moved on meanwhile.
 */
export function focusWhenShown(find: () => HTMLElement | null | undefined, timeoutMs = 10_000): void {
  const from = document.activeElement;
  const giveUpAt = performance.now() + timeoutMs;
  const attempt = () => {
    const active = document.activeElement;
    if (active && active !== from && active !== document.body) return; // they went elsewhere
    const target = find();
    if (target?.isConnected) target.focus();
    else if (performance.now() < giveUpAt) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/** The control marked `data-action="<name>"` (see focusWhenShown). */
export const actionControl = (name: string) => () => document.querySelector<HTMLElement>(`[data-action="${name}"]`);
