import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TunesetError } from '../../pipeline/errors.js';
import { formatInt } from '../format-table.js';
import type { ClipLimits } from './clip.js';
import { describeSource, inlinePairs } from './describe.js';
import type { Grep } from './grep.js';
import type { Output } from './output.js';
import type { Paint } from './paint.js';
import { renderTranscript, transcriptTexts } from './render-example.js';
import { parseJsonLine, readRejected, readSplit, type MetaLine } from '../../runs/run-files.js';
import { summaryLine } from './summary.js';

export interface ShowTarget {
  runDir: string;
  /** Lines per file, from the manifest. */
  lines: (file: string) => number | undefined;
  out: Output;
  paint: Paint;
}

export interface ExampleQuery {
  splits: readonly string[];
  id?: string;
  grep?: Grep;
  /** Examples shown per split. */
  limit: number;
  clip: ClipLimits;
}

// Bookkeeping fields the header already shows, or that mean nothing to a reader.
const NOT_LABELS = new Set(['split', 'tokens', 'assistantTokens', 'contentHash']);

const headerLines = (split: string, number: number, m: MetaLine, paint: Paint): string[] => {
  const meta = m.meta ?? {};
  const parts = [`── ${m.id}`, `${split} line ${number}`];
  if (m.group !== undefined && m.group !== m.id) parts.push(`group ${m.group}`);
  parts.push(`source ${describeSource(m.source)}`);
  if (typeof meta['tokens'] === 'number') {
    const assistant = typeof meta['assistantTokens'] === 'number' ? ` (assistant ${formatInt(meta['assistantTokens'])})` : '';
    parts.push(`${formatInt(meta['tokens'])} tokens${assistant}`);
  }
  const labels = Object.fromEntries(Object.entries(meta).filter(([k]) => !NOT_LABELS.has(k)));
  const lines = [paint.header(parts.join(' · '))];
  if (Object.keys(labels).length > 0) lines.push(paint.dim(`labels: ${inlinePairs(labels) ?? JSON.stringify(labels)}`));
  return lines;
};

/** Why an --id found nothing: usually the record was dropped, and rejected.jsonl says where. */
const missingId = async (target: ShowTarget, query: ExampleQuery, id: string): Promise<TunesetError> => {
  const where = `no example has id ${JSON.stringify(id)} in ${query.splits.join(', ')}`;
  if (existsSync(join(target.runDir, 'rejected.jsonl'))) {
    for await (const { record } of readRejected(target.runDir)) {
      if (record['id'] !== id) continue;
      const detail = inlinePairs(record['detail']);
      return new TunesetError(
        `${where}: stage ${String(record['stage'])} dropped it (${String(record['code'])}${detail ? `: ${detail}` : ''}); ` +
          `'tuneset show ${target.runDir} --rejected --id ${id}' shows the record`,
      );
    }
  }
  return new TunesetError(`${where}, and no rejected record has it either`);
};

/** Each split's examples as transcripts, joined with their meta lines, then one summary line per split. */
export const showExamples = async (target: ShowTarget, query: ExampleQuery): Promise<void> => {
  const { out, paint } = target;
  const filters = [query.id !== undefined ? `--id ${query.id}` : undefined, query.grep?.label].filter((f) => f !== undefined);
  const filter = filters.length > 0 ? filters.join(' and ') : undefined;
  const summaries: string[] = [];
  let found = 0;
  for (const split of query.splits) {
    const path = join(target.runDir, `${split}.jsonl`);
    if (!existsSync(path)) throw new TunesetError(`${path}: not found, though the manifest lists it; the run directory is damaged`);
    let shown = 0;
    let matched = 0;
    for await (const line of readSplit(target.runDir, split)) {
      if (out.closed) return;
      if (query.id !== undefined && line.meta.id !== query.id) continue;
      let example: unknown;
      if (query.grep) {
        example = parseJsonLine(path, line);
        if (!query.grep.test([line.meta.id, ...transcriptTexts(example)])) continue;
      }
      matched++;
      if (shown >= query.limit) continue;
      shown++;
      const lines = [...headerLines(split, line.number, line.meta, paint), ...renderTranscript(example ?? parseJsonLine(path, line), { paint, clip: query.clip })];
      await out.write(`${lines.join('\n')}\n\n`);
      // Without a filter the manifest has the count, so reading stops at the limit, not a line later.
      if (filter === undefined && shown >= query.limit) break;
    }
    found += matched;
    const total = target.lines(`${split}.jsonl`) ?? matched;
    summaries.push(summaryLine({ total, shown, ...(filter === undefined ? {} : { matched }) }, (n) => `${split} example${n === 1 ? '' : 's'}`, filter));
  }
  if (query.id !== undefined && query.grep === undefined && found === 0) throw await missingId(target, query, query.id);
  await out.write(`${summaries.join('\n')}\n`);
};
