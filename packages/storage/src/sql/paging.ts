import { AftersaleError, type ListOptions, type Page } from '@aftersale/core';

/** The page size a `list*` call asked for, checked: 1 to 500, 50 by default. */
export function pageLimit(options: ListOptions | undefined): number {
  const limit = options?.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new AftersaleError({
      code: 'invalid_input',
      message: `limit must be an integer from 1 to 500, not ${limit}.`,
    });
  }
  return limit;
}

/** Encodes the sort key of the last record of a page as an opaque cursor. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; `null` when there is none. */
export function decodeCursor(cursor: string | null | undefined, arity: number): (string | number)[] | null {
  if (cursor === undefined || cursor === null) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      return key;
    }
  } catch {
    // reported below
  }
  throw new AftersaleError({
    code: 'invalid_input',
    message: 'cursor is not a cursor this store returned; pass the nextCursor of the previous page.',
  });
}

/** Cuts `rows` (fetched with one extra) to a page and makes the next cursor from the last kept row. */
export function toPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  keyOf: (row: Row) => readonly (string | number)[],
  map: (row: Row) => Item,
): Page<Item> {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return {
    items: kept.map(map),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
