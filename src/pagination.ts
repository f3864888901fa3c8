// Lists shown in parts, each part ordered and paged on its own: unread then read
// notifications, sessions of my campaigns then the rest. The cursor a page returns
// ("<part>:<last id>") says where the next page continues.
import { refuseField } from "./validation.ts";

export type ListPart<T> = {
  name: string;
  /** Up to `take` rows of this part, after the row `afterId` (from the start when null). */
  fetch: (afterId: string | null, take: number) => Promise<T[]>;
};

export type Page<T> = { items: T[]; nextCursor: string | null };

export async function pageThroughParts<T extends { id: string }>(
  parts: ListPart<T>[],
  limit: number,
  cursor?: string | null,
): Promise<Page<T>> {
  let [index, afterId] = parseCursor(parts, cursor);
  const items: T[] = [];
  for (; index < parts.length; index++, afterId = null) {
    const part = parts[index] as ListPart<T>;
    const want = limit - items.length;
    const rows = await part.fetch(afterId, want + 1);
    if (rows.length > want) {
      items.push(...rows.slice(0, want));
      return { items, nextCursor: `${part.name}:${items.at(-1)?.id ?? ""}` };
    }
    items.push(...rows);
    if (items.length === limit) {
      // This page is full; say whether anything follows in the later parts.
      for (const later of parts.slice(index + 1)) {
        if ((await later.fetch(null, 1)).length > 0) return { items, nextCursor: `${later.name}:` };
      }
      return { items, nextCursor: null };
    }
  }
  return { items, nextCursor: null };
}

/** A list in one part, paged by the same kind of cursor. */
export function pageThrough<T extends { id: string }>(
  fetch: ListPart<T>["fetch"],
  limit: number,
  cursor?: string | null,
): Promise<Page<T>> {
  return pageThroughParts([{ name: "all", fetch }], limit, cursor);
}

function parseCursor(parts: { name: string }[], cursor?: string | null): [number, string | null] {
  if (!cursor) return [0, null];
  const separator = cursor.indexOf(":");
  const index = parts.findIndex((part) => part.name === cursor.slice(0, separator));
  if (separator < 0 || index < 0) {
    throw refuseField("cursor", "Not a cursor this list gave out.");
  }
  return [index, cursor.slice(separator + 1) || null];
}

/** Prisma's cursor arguments for "after this id". */
export const after = (id: string | null): { cursor?: { id: string }; skip?: number } =>
  id ? { cursor: { id }, skip: 1 } : {};
