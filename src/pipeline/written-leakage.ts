import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { TunesetError } from './errors.js';
import { isRecord } from './item.js';
import { LeakageError, SideTracker, type Leak, type LeakageReport, type SpillTo } from './leakage.js';
import { promptExcerpt, promptKey } from './prompt-key.js';

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
 * Watches the run's lines as they are written, whatever decided the split: no group recorded in
 * meta.jsonl and no prompt side (prompt-key.ts) of a split file's line on two sides. Fed with the
 * values the runner serialises, so no file is read back. Memory holds a 128-bit key and one number
 * per group and per prompt in typed arrays (SideTracker), never a string or an example.
 */
export class LeakageWatch {
  readonly #groups: SideTracker;
  readonly #prompts: SideTracker;
  readonly #examples: Record<string, number> = {};

  /** `spill`: the runner's scratch directory and a stage's share of `--memory`, which the two tables split. */
  constructor(spill?: SpillTo) {
    const half = spill && { dir: spill.dir, budgetBytes: Math.floor(spill.budgetBytes / 2) };
    this.#groups = new SideTracker(() => 'meta.jsonl', half);
    this.#prompts = new SideTracker((split) => `${split}.jsonl`, half);
  }

  close(): void {
    this.#groups.close();
    this.#prompts.close();
  }

  /** One example: its group as meta.jsonl records it (at `metaLine`), its data as its split file does. */
  see(split: string, group: string, metaLine: number, data: unknown): void {
    this.#groups.see(group, split, metaLine, () => group);
    const line = (this.#examples[split] = (this.#examples[split] ?? 0) + 1);
    this.#prompts.see(promptKey(data), split, line, () => promptExcerpt(data));
  }

  /** The manifest's record; throws LeakageError naming what leaked, with ids read from meta.jsonl. */
  async finish(metaPath: string): Promise<LeakageReport> {
    const groups = this.#groups;
    const prompts = this.#prompts;
    const report: LeakageReport = {
      ok: groups.leakCount === 0 && prompts.leakCount === 0,
      examples: { ...this.#examples },
      groups: groups.size,
      prompts: prompts.size,
      sharedGroups: groups.leaks(),
      sharedPrompts: prompts.leaks(),
    };
    if (report.ok) return report;
    await nameLeakedExamples(metaPath, report.sharedGroups, report.sharedPrompts);
    throw new LeakageError(report, { groups: groups.leakCount, prompts: prompts.leakCount });
  }
}

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
