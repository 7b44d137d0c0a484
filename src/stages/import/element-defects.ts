import type { DropReason } from '../../pipeline/item.js';
import { findDuplicateKeys, findLoneSurrogates, formatJsonPath } from './json-defects.js';
import { findTooDeep, MAX_JSON_DEPTH } from './json-depth.js';
import { positionIn } from './json-syntax.js';

/** The defects JSON.parse let through in one element of a whole-file array (an AR-LSAT passage). */
export interface ElementDefects {
  /** The first defect outside `<childKey>[k]`: the whole element is dropped for it. */
  element?: DropReason;
  /** The first defect inside each child (an AR-LSAT question), by index: only that child is dropped. */
  children: Map<number, DropReason>;
}

/**
 * Keys written twice, strings with lone surrogates and nesting past MAX_JSON_DEPTH in an element's
 * `text`, which begins at `line`:`column` of its file; a duplicate key's or a too deep bracket's
 * detail names its own line and column there.
 */
export const elementDefects = (text: string, value: unknown, line: number, column: number, childKey: string): ElementDefects => {
  const found: { path: string; reason: DropReason }[] = [
    ...findDuplicateKeys(text).map((d) => ({ path: d.path, reason: { code: 'duplicate_key', detail: { key: d.key, path: d.path, ...positionIn(text, d.offset, line, column) } } })),
    ...findLoneSurrogates(text, value).map((path) => ({ path, reason: { code: 'lone_surrogate', detail: { path } } })),
  ];
  const deep = findTooDeep(text);
  if (deep) {
    // Only the first levels of the path matter (which child it is in); the rest is 100 brackets.
    const path = formatJsonPath(deep.path.slice(0, 2));
    found.push({ path, reason: { code: 'too_deep', detail: { limit: MAX_JSON_DEPTH, ...positionIn(text, deep.offset, line, column) } } });
  }
  const result: ElementDefects = { children: new Map() };
  const child = new RegExp(`^${childKey}\\[(\\d+)\\]`);
  for (const { path, reason } of found) {
    const k = child.exec(path)?.[1];
    if (k === undefined) result.element ??= reason;
    else if (!result.children.has(Number(k))) result.children.set(Number(k), reason);
  }
  return result;
};
