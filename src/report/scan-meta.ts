import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../pipeline/item.js';
import { readLines } from '../stages/validate/read-lines.js';

/** A meta field whose values are few enough to count: a label (answer letter, game type, change mark). */
export interface LabelField {
  field: string;
  /** Examples that have the field. */
  examples: number;
  values: { value: string; total: number; bySplit: Record<string, number> }[];
}

/** A crawled page as its examples' meta lines describe it. */
export interface PageMark {
  url: string;
  change: string;
  robots: string;
  render: string;
  examples: number;
}

export interface MetaScan {
  examples: number;
  bySplit: Record<string, number>;
  /** Examples per exact token count per split: at most one entry per distinct count, so memory is bounded by the longest example, not by the run's size. */
  tokenCounts: Map<number, Record<string, number>>;
  /** Examples kept though over the limit (token-check with `overLimit: 'flag'`). */
  flaggedOverLimit: number;
  labels: LabelField[];
  pages: PageMark[];
  /** Distinct pages past PAGES_TRACKED are counted only. */
  pagesUntracked: number;
}

/** Past this many distinct values a field is not a label (a heading, a hash) and is not shown. */
export const MAX_LABEL_VALUES = 30;
const MAX_LABEL_FIELDS = 20;
const PAGES_TRACKED = 10_000;
/** Meta fields that are not labels whatever their values. */
const NOT_LABELS = new Set(['split', 'tokens', 'assistantTokens', 'contentHash', 'overTokenLimit', 'heading']);

const labelValue = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v)) ? String(v) : undefined;

/**
 * One streaming pass over meta.jsonl: examples per split, token counts, label fields and, for a
 * crawl, each page's change mark and robots decision. Memory is bounded: labels stop being tracked
 * past MAX_LABEL_VALUES values, pages past PAGES_TRACKED.
 */
export const scanMeta = async (runDir: string): Promise<MetaScan> => {
  const scan: MetaScan = { examples: 0, bySplit: {}, tokenCounts: new Map(), flaggedOverLimit: 0, labels: [], pages: [], pagesUntracked: 0 };
  const path = join(runDir, 'meta.jsonl');
  if (!existsSync(path)) return scan;
  // field -> value -> split -> count; null once the field has too many values.
  const fields = new Map<string, Map<string, Record<string, number>> | null>();
  const fieldExamples = new Map<string, number>();
  const pages = new Map<string, PageMark>();
  const untracked = new Set<string>();
  for await (const line of readLines(path)) {
    if (line.text === undefined || line.text === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.text);
    } catch {
      continue;
    }
    if (!isRecord(parsed)) continue;
    const split = typeof parsed['split'] === 'string' ? parsed['split'] : 'train';
    const meta = isRecord(parsed['meta']) ? parsed['meta'] : {};
    scan.examples++;
    scan.bySplit[split] = (scan.bySplit[split] ?? 0) + 1;
    if (typeof meta['tokens'] === 'number') {
      const row = scan.tokenCounts.get(meta['tokens']) ?? {};
      row[split] = (row[split] ?? 0) + 1;
      scan.tokenCounts.set(meta['tokens'], row);
    }
    if (meta['overTokenLimit'] === true) scan.flaggedOverLimit++;
    for (const [field, raw] of Object.entries(meta)) {
      const value = labelValue(raw);
      if (value === undefined || NOT_LABELS.has(field)) continue;
      if (!fields.has(field)) {
        if (fields.size >= MAX_LABEL_FIELDS) continue;
        fields.set(field, new Map());
      }
      const values = fields.get(field);
      if (!values) continue;
      fieldExamples.set(field, (fieldExamples.get(field) ?? 0) + 1);
      const counts = values.get(value) ?? {};
      if (!values.has(value)) {
        if (values.size >= MAX_LABEL_VALUES) {
          fields.set(field, null);
          continue;
        }
        values.set(value, counts);
      }
      counts[split] = (counts[split] ?? 0) + 1;
    }
    const source = isRecord(parsed['source']) ? parsed['source'] : {};
    if (typeof source['robots'] === 'string' && typeof source['uri'] === 'string') {
      const url = source['uri'];
      const page = pages.get(url);
      if (page) page.examples++;
      else if (pages.size < PAGES_TRACKED) {
        const str = (v: unknown) => (typeof v === 'string' ? v : '');
        pages.set(url, { url, change: str(meta['change']), robots: source['robots'], render: str(source['render']), examples: 1 });
      } else if (untracked.size < PAGES_TRACKED) untracked.add(url);
    }
  }
  scan.labels = [...fields]
    .filter((e): e is [string, Map<string, Record<string, number>>] => e[1] !== null)
    .map(([field, values]) => ({
      field,
      examples: fieldExamples.get(field) ?? 0,
      values: [...values]
        .map(([value, bySplit]) => ({ value, bySplit, total: Object.values(bySplit).reduce((a, b) => a + b, 0) }))
        .sort((a, b) => b.total - a.total || (a.value < b.value ? -1 : 1)),
    }));
  scan.pages = [...pages.values()];
  scan.pagesUntracked = untracked.size;
  return scan;
};
