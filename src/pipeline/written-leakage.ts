import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { TunesetError } from './errors.js';
import { isRecord } from './item.js';
import { LeakageError, SideTracker, type Leak, type LeakageReport } from './leakage.js';
import { promptExcerpt, promptKey } from './prompt-key.js';

/** The files as written: before commit these are the `.partial` files. */
export interface LeakageInputs {
  meta: string;
  /** Split name -> its file. */
  splits: Record<string, string>;
}

async function* jsonLines(path: string): AsyncGenerator<{ line: number; value: unknown }> {
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch (error) {
      throw new TunesetError(`leakage check: ${path}:${line} is not valid JSON (${(error as Error).message})`);
    }
  }
}

/**
 * Checks the written run, whatever decided the split: no group recorded in meta.jsonl and no prompt
 * side (prompt-key.ts) of a split file's line on two sides. Memory holds one number per group and
 * per prompt, never an example. Throws LeakageError naming what leaked; returns the manifest's record.
 */
export const checkWrittenLeakage = async (files: LeakageInputs): Promise<LeakageReport> => {
  const groups = new SideTracker(() => 'meta.jsonl');
  for await (const { line, value } of jsonLines(files.meta)) {
    if (!isRecord(value) || typeof value['split'] !== 'string') throw new TunesetError(`leakage check: ${files.meta}:${line} has no split`);
    const group = typeof value['group'] === 'string' ? value['group'] : String(value['id']);
    groups.see(group, value['split'], line, () => group);
  }
  const prompts = new SideTracker((split) => `${split}.jsonl`);
  const examples: Record<string, number> = {};
  for (const [split, path] of Object.entries(files.splits)) {
    examples[split] = 0;
    for await (const { line, value } of jsonLines(path)) {
      examples[split]++;
      prompts.see(promptKey(value), split, line, () => promptExcerpt(value));
    }
  }
  const report: LeakageReport = {
    ok: groups.leakCount === 0 && prompts.leakCount === 0,
    examples,
    groups: groups.size,
    prompts: prompts.size,
    sharedGroups: groups.leaks(),
    sharedPrompts: prompts.leaks(),
  };
  if (report.ok) return report;
  await nameLeakedExamples(files.meta, report.sharedGroups, report.sharedPrompts);
  throw new LeakageError(report, { groups: groups.leakCount, prompts: prompts.leakCount });
};

/**
 * Fills in the ids of the lines a leak points at, from meta.jsonl: its n-th line of a split names
 * that split file's n-th line. A second read, made only when the run is failing anyway.
 */
const nameLeakedExamples = async (metaPath: string, groupLeaks: Leak[], promptLeaks: Leak[]): Promise<void> => {
  const byMetaLine = new Map(groupLeaks.flatMap((l) => l.places).map((p) => [p.line, p]));
  const bySplitLine = new Map(promptLeaks.flatMap((l) => l.places).map((p) => [`${p.split}:${p.line}`, p]));
  const seen = new Map<string, number>();
  for await (const { line, value } of jsonLines(metaPath)) {
    if (!isRecord(value) || typeof value['id'] !== 'string') continue;
    const split = String(value['split']);
    const n = (seen.get(split) ?? 0) + 1;
    seen.set(split, n);
    const inMeta = byMetaLine.get(line);
    if (inMeta) inMeta.id = value['id'];
    const inSplit = bySplitLine.get(`${split}:${n}`);
    if (inSplit) inSplit.id = value['id'];
  }
};
