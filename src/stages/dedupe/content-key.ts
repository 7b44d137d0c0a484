import { canonicalJson } from '../../pipeline/canonical-json.js';
import { sha256 } from '../../pipeline/hash.js';
import { WHITESPACE_TO_FOLD } from '../clean/normalize-text.js';

export interface ContentKeyOptions {
  /** Collapse every whitespace run to one space and trim. */
  collapseWhitespace: boolean;
  /** Compare case-insensitively (NFKC, then lower case). */
  caseFold: boolean;
}

const normalizeString = (value: string, o: ContentKeyOptions): string => {
  let s = value;
  if (o.caseFold) s = s.normalize('NFKC').toLowerCase();
  if (o.collapseWhitespace) s = s.replace(WHITESPACE_TO_FOLD, ' ').trim();
  return s;
};

/**
 * sha256 (base64url) of a value with its strings normalised and object keys sorted (a field holding
 * undefined counts as null). Written without recursion, so a record nested 100k deep is keyed like
 * any other instead of overflowing the stack.
 */
export const normalizedHash = (value: unknown, o: ContentKeyOptions): string =>
  sha256(canonicalJson(value, { mapString: (s) => normalizeString(s, o), undefinedInObject: 'null' }), 'base64url');

/** The content key of a record: the normalised values of `fields`, in the order given. */
export const contentKey = (data: Record<string, unknown>, fields: readonly string[], o: ContentKeyOptions): string =>
  normalizedHash(fields.map((f) => data[f]), o);
