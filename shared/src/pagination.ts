import { badUserInput } from './errors';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** A validated page request: how many rows, and the sort key the page starts after. */
export interface PageRequest {
  first: number;
  afterKey: string | null;
}

const CURSOR_PREFIX = 'sg1:';

export function encodeCursor(sortKey: string): string {
  return Buffer.from(CURSOR_PREFIX + sortKey, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith(CURSOR_PREFIX) || encodeCursor(decoded.slice(CURSOR_PREFIX.length)) !== cursor) {
    throw badUserInput('after', 'is not a cursor this API issued');
  }
  return decoded.slice(CURSOR_PREFIX.length);
}

/** `first` defaults to 50 and is capped at 500 (CONTRACT.md); a negative one is an error. */
export function pageRequest(args: PageArgs): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) throw badUserInput('first', 'must be zero or a positive integer');
  return {
    first: Math.min(first, MAX_PAGE_SIZE),
    afterKey: args.after == null ? null : decodeCursor(args.after),
  };
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}

/**
 * Builds a Relay connection from rows fetched with `LIMIT first + 1` after the
 * cursor's key. `totalCount` is a function so that its query runs only when asked.
 */
export function toConnection<T>(rows: T[], page: PageRequest, sortKeyOf: (row: T) => string, totalCount: () => Promise<number>): Connection<T> {
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(sortKeyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null,
    },
    totalCount,
  };
}
