/** Small type guards shared by the format rules; the input is whatever JSON.parse returned. */

export type JsonObject = Record<string, unknown>;

// One guard and one kind-namer for the whole code base, under the names the format rules use.
export { isRecord as isObject, kindOf } from '../../pipeline/item.js';

export const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Keys of `obj` outside `allowed`, in the object's own order (so messages are deterministic). */
export const extraKeys = (obj: JsonObject, allowed: readonly string[]): string[] => Object.keys(obj).filter((k) => !allowed.includes(k));

export const quoteList = (keys: readonly string[]): string => keys.map((k) => `"${k}"`).join(', ');
