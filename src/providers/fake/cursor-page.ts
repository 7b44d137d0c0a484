import { badRequest } from './api-error.js';

/**
 * OpenAI's cursor lists: `after` is the id of the last item the client saw (exclusive) and the
 * page holds the next `limit` items in list order. The SDK's `for await` keeps asking with the
 * last id until `has_more` is false, so `has_more` must be exact or it loops or stops early.
 */
export interface CursorPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  first_id?: string | null;
  last_id?: string | null;
}

/**
 * `ordered` is the full list in list order, including objects the page must skip (deleted files,
 * filtered jobs), so a cursor naming such an object still has a position. An unknown cursor gives
 * an empty page: answering from the start would make a paginating client loop forever.
 */
export const cursorPage = <R extends { id: string }, T>(
  ordered: readonly R[],
  options: {
    after: string | null;
    limit: number;
    visible?: (r: R) => boolean;
    render: (r: R) => T;
    /**
     * Add `first_id`/`last_id`; on an empty page they are `null`, or `''` where the published
     * document types them as strings only (files: required strings; the SDK reads a missing
     * `last_id` as `''` too).
     */
    firstLastIds?: boolean | 'empty-string';
  },
): CursorPage<T> => {
  let start = 0;
  if (options.after !== null) {
    const at = ordered.findIndex((r) => r.id === options.after);
    start = at === -1 ? ordered.length : at + 1;
  }
  const picked: R[] = [];
  let hasMore = false;
  for (let i = start; i < ordered.length; i++) {
    const r = ordered[i]!;
    if (options.visible && !options.visible(r)) continue;
    if (picked.length === options.limit) {
      hasMore = true;
      break;
    }
    picked.push(r);
  }
  const page: CursorPage<T> = { object: 'list', data: picked.map(options.render), has_more: hasMore };
  if (options.firstLastIds) {
    const none = options.firstLastIds === 'empty-string' ? '' : null;
    page.first_id = picked[0]?.id ?? none;
    page.last_id = picked.at(-1)?.id ?? none;
  }
  return page;
};

/** `limit` from the query: an integer within [min, max], else the 400 the API gives. */
export const parseLimit = (query: URLSearchParams, fallback: number, max: number, min = 1): number => {
  const raw = query.get('limit');
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw badRequest(`Invalid 'limit': expected an integer between ${min} and ${max}, got '${raw}'.`, 'limit', 'integer_out_of_range');
  return n;
};
