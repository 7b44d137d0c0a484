import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TunesetError } from '../../pipeline/errors.js';
import { breakdown, selectedCount, type DropCounts } from './drop-counts.js';
import type { Grep } from './grep.js';
import { renderRejected, type RecordLimits } from './render-rejected.js';
import { readRejected } from '../../runs/run-files.js';
import type { ShowTarget } from './show-examples.js';
import { summaryLine } from './summary.js';

export interface RejectedQuery {
  stage?: string;
  code?: string;
  id?: string;
  grep?: Grep;
  limit: number;
  limits: RecordLimits;
}

const stringsOf = (v: unknown, out: string[] = []): string[] => {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) stringsOf(x, out);
  else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) stringsOf(x, out);
  return out;
};

/** The dropped records, filtered, each with its stage, code, detail, source and data, then a summary. */
export const showRejected = async (target: ShowTarget, counts: DropCounts, query: RejectedQuery): Promise<void> => {
  const { out, paint } = target;
  const selected = selectedCount(counts, query.stage, query.code);
  const path = join(target.runDir, 'rejected.jsonl');
  if (!existsSync(path)) throw new TunesetError(`${path}: not found; every finished run has one, so the run directory is damaged`);
  const filters = [query.id !== undefined ? `--id ${query.id}` : undefined, query.grep?.label].filter((f) => f !== undefined);
  const filter = filters.length > 0 ? filters.join(' and ') : undefined;
  let shown = 0;
  let matched = 0;
  for await (const { record } of readRejected(target.runDir)) {
    if (out.closed) return;
    if (query.stage !== undefined && record['stage'] !== query.stage) continue;
    if (query.code !== undefined && record['code'] !== query.code) continue;
    if (query.id !== undefined && record['id'] !== query.id) continue;
    if (query.grep && !query.grep.test(stringsOf(record))) continue;
    matched++;
    if (shown >= query.limit) continue;
    shown++;
    await out.write(`${renderRejected(record, query.limits, paint).join('\n')}\n\n`);
    // Without --id/--grep the manifest has the count, so reading stops at the limit, not a line later.
    if (filter === undefined && shown >= query.limit) break;
  }
  const where = `${query.stage !== undefined ? ` from stage ${query.stage}` : ''}${query.code !== undefined ? ` with code ${query.code}` : ''}`;
  const noun = (n: number) => `rejected record${n === 1 ? '' : 's'}${where}`;
  const lines = [selected === 0 && query.code === undefined && query.stage === undefined ? 'the run dropped no record' : summaryLine({ total: selected, shown, ...(filter === undefined ? {} : { matched }) }, noun, filter)];
  const counted = query.code === undefined ? breakdown(counts, query.stage) : '';
  if (counted !== '') lines.push(`dropped by stage and code: ${counted}`);
  await out.write(`${lines.join('\n')}\n`);
};
