import { key128FromBytes } from '../../pipeline/compact/key128.js';

/**
 * The 128-bit table key of a content key: its own first 16 bytes (the content key is a base64url
 * sha256, already a hash, so it is decoded rather than hashed again). Fills `out` and returns it.
 */
export const contentKeyWords = (contentKey: string, out: Uint32Array): Uint32Array => key128FromBytes(Buffer.from(contentKey, 'base64url'), out);
