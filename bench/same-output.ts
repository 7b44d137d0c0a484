// Checks that the pipeline and the baseline did the same work: for a few question ids, the line the
// pipeline wrote (train or validation) equals the baseline's line, and meta.tokens equals its count.
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BaselineSample } from './baseline.js';

export interface SameOutput {
  ok: boolean;
  checked: number;
  problems: string[];
}

const lines = (path: string) => createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });

/** Where each sampled id was written: its split and its line number in that split's file. */
const locate = async (runDir: string, ids: ReadonlySet<string>) => {
  const found = new Map<string, { split: string; index: number; tokens: unknown }>();
  const seenPerSplit = new Map<string, number>();
  for await (const line of lines(join(runDir, 'meta.jsonl'))) {
    const m = JSON.parse(line) as { id: string; split: string; meta: { tokens?: unknown } };
    const index = seenPerSplit.get(m.split) ?? 0;
    seenPerSplit.set(m.split, index + 1);
    if (ids.has(m.id)) found.set(m.id, { split: m.split, index, tokens: m.meta.tokens });
    if (found.size === ids.size) break;
  }
  return found;
};

const readLinesAt = async (path: string, wanted: ReadonlySet<number>): Promise<Map<number, string>> => {
  const out = new Map<number, string>();
  if (wanted.size === 0) return out;
  let i = 0;
  for await (const line of lines(path)) {
    if (wanted.has(i)) out.set(i, line);
    if (out.size === wanted.size) break;
    i++;
  }
  return out;
};

export const compareWithBaseline = async (runDir: string, sample: readonly BaselineSample[]): Promise<SameOutput> => {
  const problems: string[] = [];
  const found = await locate(runDir, new Set(sample.map((s) => s.id)));
  const bySplit = new Map<string, Set<number>>();
  for (const f of found.values()) (bySplit.get(f.split) ?? bySplit.set(f.split, new Set()).get(f.split)!).add(f.index);
  const text = new Map<string, Map<number, string>>();
  for (const [split, indexes] of bySplit) {
    const path = join(runDir, `${split}.jsonl`);
    text.set(split, existsSync(path) ? await readLinesAt(path, indexes) : new Map());
  }
  for (const s of sample) {
    const f = found.get(s.id);
    if (!f) {
      problems.push(`${s.id}: not in the pipeline's meta.jsonl`);
      continue;
    }
    if (text.get(f.split)?.get(f.index) !== s.line) problems.push(`${s.id}: the pipeline's ${f.split}.jsonl line differs from the baseline's`);
    if (f.tokens !== s.tokens) problems.push(`${s.id}: pipeline counted ${String(f.tokens)} tokens, baseline ${s.tokens}`);
  }
  return { ok: problems.length === 0, checked: sample.length, problems };
};
