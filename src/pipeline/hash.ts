import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/**
 * JSON with object keys sorted, so equal values hash equally whatever order their keys were built
 * in. Written without recursion (canonicalJson), so no depth of nesting overflows the stack.
 */
export const stableStringify = (value: unknown): string => canonicalJson(value);
