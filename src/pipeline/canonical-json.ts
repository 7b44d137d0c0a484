export interface CanonicalJsonOptions {
  /** Applied to every string value (not to keys) before it is written: dedupe's normalisation. */
  mapString?: (s: string) => string;
  /** An object field holding undefined: left out as JSON.stringify does, or written as null. @default 'omit' */
  undefinedInObject?: 'omit' | 'null';
}

interface Frame {
  value: object;
  /** The object's keys, sorted; undefined for an array. */
  keys: string[] | undefined;
  next: number;
  wrote: boolean;
}

const INDEX = /^(?:0|[1-9]\d*)$/;
const isIndex = (k: string): boolean => INDEX.test(k) && Number(k) < 4294967295;

/**
 * Keys in the order a sorted copy of the object has: an object lists its array-index keys first,
 * in numeric order ("9" before "10"), whatever order they were added in, then the rest as sorted.
 * Object.keys already gives the index keys first and in that order.
 */
const sortedKeys = (v: object): string[] => {
  const keys = Object.keys(v);
  let n = 0;
  while (n < keys.length && isIndex(keys[n]!)) n++;
  return n === 0 ? keys.sort() : [...keys.slice(0, n), ...keys.slice(n).sort()];
};

/**
 * JSON text of `value` with object keys sorted, written with an explicit stack instead of
 * recursion: a value nested 100k deep is written (or hashed) like any other instead of overflowing
 * the call stack, as JSON.stringify and a recursive key sort do. Leaves are written by
 * JSON.stringify itself, so strings, numbers (NaN as null) and bigints (a TypeError) come out as
 * it writes them; any object that is not an array is written by its own enumerable keys.
 */
export const canonicalJson = (value: unknown, options: CanonicalJsonOptions = {}): string => {
  const { mapString, undefinedInObject = 'omit' } = options;
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = new Set<object>();
  const write = (v: unknown): void => {
    if (typeof v === 'string') out.push(JSON.stringify(mapString ? mapString(v) : v));
    // undefined, a function or a symbol in an array is null, as JSON.stringify writes it.
    else if (v === null || typeof v !== 'object') out.push(JSON.stringify(v) ?? 'null');
    else {
      if (open.has(v)) throw new TypeError('Converting circular structure to JSON');
      open.add(v);
      const isArray = Array.isArray(v);
      out.push(isArray ? '[' : '{');
      stack.push({ value: v, keys: isArray ? undefined : sortedKeys(v), next: 0, wrote: false });
    }
  };
  write(value);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.keys === undefined) {
      const array = top.value as unknown[];
      if (top.next < array.length) {
        if (top.next > 0) out.push(',');
        write(array[top.next++]);
        continue;
      }
      out.push(']');
    } else {
      const object = top.value as Record<string, unknown>;
      let child = false;
      while (top.next < top.keys.length && !child) {
        const key = top.keys[top.next++]!;
        let v = object[key];
        if (typeof v === 'function' || typeof v === 'symbol') continue;
        if (v === undefined) {
          if (undefinedInObject === 'omit') continue;
          v = null;
        }
        out.push(top.wrote ? ',' : '', JSON.stringify(key), ':');
        top.wrote = true;
        write(v);
        child = true;
      }
      if (child) continue;
      out.push('}');
    }
    open.delete(top.value);
    stack.pop();
  }
  return out.join('');
};
