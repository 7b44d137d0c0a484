/** Small type guards shared by the format rules; the input is whatever JSON.parse returned. */

export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** "array", "null", "string"...: for messages that say what was found instead. */
export const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Keys of `obj` outside `allowed`, in the object's own order (so messages are deterministic). */
export const extraKeys = (obj: JsonObject, allowed: readonly string[]): string[] => Object.keys(obj).filter((k) => !allowed.includes(k));

export const quoteList = (keys: readonly string[]): string => keys.map((k) => `"${k}"`).join(', ');
