/** A `?next=` path, if it is one on this site: never an address elsewhere ("//evil.example"). */
export const sitePath = (path: string | undefined): string | undefined =>
  path?.startsWith("/") && !path.startsWith("//") ? path : undefined;
