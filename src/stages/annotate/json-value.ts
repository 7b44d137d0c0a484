import { kindOf } from '../../pipeline/item.js';

/**
 * Where `value` stops being JSON, as a path and what is there (`.answers[2]: undefined`), or
 * undefined when it is JSON. Records are written as JSON lines and spooled as JSON, so a Date, a Map
 * or a NaN would come back as something else, and an undefined field would vanish.
 */
export function jsonProblem(value: unknown, path = '', within: Set<object> = new Set()): string | undefined {
  const where = path || 'the value';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `${where}: ${value} (not a JSON number)`;
    case 'object': {
      if (value === null) return undefined;
      if (within.has(value)) return `${where}: a reference to an object that contains it`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
        return `${where}: a ${(value as { constructor?: { name?: string } }).constructor?.name || 'class instance'} (not a plain object)`;
      }
      within.add(value);
      const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v]) : Object.entries(value).map(([k, v]) => [`.${k}`, v]);
      for (const [step, v] of entries) {
        const problem = jsonProblem(v, path + step, within);
        if (problem !== undefined) return problem;
      }
      within.delete(value);
      return undefined;
    }
    default:
      return `${where}: ${kindOf(value)} (not JSON)`;
  }
}
