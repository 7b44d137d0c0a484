import crypto, { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

type TextEncoding = 'hex' | 'base64' | 'base64url';

// crypto.hash (Node >= 20.12) hashes in one call without a Hash object: about three times faster
// for the short texts hashed per record (content and prompt keys, ids, written lines), which were
// ~10% of the main thread. The engines field still allows 20.11, hence the createHash fallback.
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: TextEncoding | 'buffer') => string | Buffer }).hash;

/** sha256 of a string's UTF-8 or of bytes, as text (hex unless asked otherwise). */
export const sha256 = (data: string | Uint8Array, encoding: TextEncoding = 'hex'): string =>
  oneShot ? (oneShot('sha256', data, encoding) as string) : createHash('sha256').update(data).digest(encoding);

/** sha256 of a string's UTF-8 or of bytes, as its 32 bytes. */
export const sha256Bytes = (data: string | Uint8Array): Buffer =>
  oneShot ? (oneShot('sha256', data, 'buffer') as Buffer) : createHash('sha256').update(data).digest();

/**
 * JSON with object keys sorted, so equal values hash equally whatever order their keys were built
 * in. Written without recursion (canonicalJson), so no depth of nesting overflows the stack.
 */
export const stableStringify = (value: unknown): string => canonicalJson(value);
