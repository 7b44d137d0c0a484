import { kindOf } from '../../pipeline/item.js';
import { MAX_JSON_DEPTH } from '../import/json-depth.js';

/**
 * Where `value` stops being JSON, as a path and what is there (`.answers[2]: undefined`), or
 * undefined when it is JSON. Records are written as JSON lines and spooled as JSON, so a Date, a Map
 * or a NaN would come back as something else, and an undefined field would vanish; a value nested
 * more than MAX_JSON_DEPTH levels (the importers' limit) could not be written at all.
 */
export function jsonProblem(value: unknown): string | undefined {
  // An explicit stack, not recursion: a label nested 100k deep is judged, not a stack overflow.
  interface Open {
    value: object;
    path: string;
    entries: [string, unknown][];
    next: number;
  }
  const stack: Open[] = [];
  const within = new Set<object>();
  let at: { value: unknown; path: string } | undefined = { value, path: '' };
  for (;;) {
    if (at !== undefined) {
      const { value: v, path } = at;
      at = undefined;
      const where = path || 'the value';
      switch (typeof v) {
        case 'string':
        case 'boolean':
          break;
        case 'number':
          if (!Number.isFinite(v)) return `${where}: ${v} (not a JSON number)`;
          break;
        case 'object': {
          if (v === null) break;
          if (within.has(v)) return `${where}: a reference to an object that contains it`;
          const proto = Object.getPrototypeOf(v) as unknown;
          if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) {
            return `${where}: a ${(v as { constructor?: { name?: string } }).constructor?.name || 'class instance'} (not a plain object)`;
          }
          // Deeper than an imported record may be: JSON.stringify would overflow the stack writing it.
          if (stack.length === MAX_JSON_DEPTH) return `${where}: nested more than ${MAX_JSON_DEPTH} levels deep`;
          within.add(v);
          const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [`[${i}]`, x]) : Object.entries(v).map(([k, x]) => [`.${k}`, x]);
          stack.push({ value: v, path, entries, next: 0 });
          break;
        }
        default:
          return `${where}: ${kindOf(v)} (not JSON)`;
      }
    }
    const top = stack[stack.length - 1];
    if (top === undefined) return undefined;
    if (top.next < top.entries.length) {
      const [step, child] = top.entries[top.next++]!;
      at = { value: child, path: top.path + step };
    } else {
      within.delete(top.value);
      stack.pop();
    }
  }
}
