import type { Item } from '../../pipeline/item.js';
import { getPath } from '../import/field-map.js';

/** Where a record's key is: its id or group, a dotted path into its data or meta, or a function of the item. */
export type RecordKey<T = unknown> = 'id' | 'group' | `data.${string}` | `meta.${string}` | ((item: Item<T>) => string | number | undefined);

/** A key is a string; a number (a JSON id) is compared as its decimal text. Anything else is no key. */
const asKey = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;

/** Reads the key of each record as `record` says; undefined when the record has none (it counts as unlabeled). */
export const recordKeyReader = <T>(record: RecordKey<T>): ((item: Item<T>) => string | undefined) => {
  if (typeof record === 'function') return (item) => asKey(record(item));
  if (record === 'id') return (item) => item.id;
  if (record === 'group') return (item) => item.group;
  const [root, ...rest] = record.split('.');
  const path = rest.join('.');
  return (item) => asKey(getPath(root === 'data' ? item.data : item.meta, path));
};
