import type { Json } from '../../pipeline/item.js';

/** Past this many distinct values a field is a free-text or numeric label: only its record count is kept. */
const MAX_DISTINCT = 20;

interface FieldCount {
  records: number;
  values: Map<string, number> | undefined;
}

/**
 * How often each field was set, and for fields with few distinct scalar values (a game type, a
 * yes/no flag) how often each value: the distribution a reader checks a rule annotator by.
 */
export class LabelCounts {
  private readonly fields = new Map<string, FieldCount>();

  add(annotation: Readonly<Record<string, Json>>): void {
    for (const [field, value] of Object.entries(annotation)) {
      let count = this.fields.get(field);
      if (count === undefined) this.fields.set(field, (count = { records: 0, values: new Map() }));
      count.records++;
      if (count.values === undefined) continue;
      if (value !== null && typeof value === 'object') {
        count.values = undefined;
        continue;
      }
      const key = String(value);
      count.values.set(key, (count.values.get(key) ?? 0) + 1);
      if (count.values.size > MAX_DISTINCT) count.values = undefined;
    }
  }

  /** Fields in name order, values by count (then name), for a stable manifest; JSON puts integer-like values first. */
  toJson(): Record<string, Json> {
    // fromEntries defines each field, so a label field named "__proto__" is reported, not made a prototype.
    return Object.fromEntries(
      [...this.fields.keys()].sort().map((field) => {
        const { records, values } = this.fields.get(field)!;
        const sorted = values === undefined ? undefined : [...values].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        return [field, sorted === undefined ? { records } : { records, values: Object.fromEntries(sorted) }];
      }),
    ) as Record<string, Json>;
  }
}
