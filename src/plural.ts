// "1 player", "2 players": a count and its noun, for messages people read. No
// dependencies: the web client bundles it too.
export const plural = (count: number | bigint, one: string) => `${count} ${one}${count === 1 ? "" : "s"}`;
