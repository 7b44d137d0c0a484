import { isRecord } from '../../pipeline/item.js';
import { existsSync } from 'node:fs';
import { readAppendOnlyJsonl } from '../../pipeline/append-only-jsonl.js';
import { join } from 'node:path';
import type { Manifest } from '../../pipeline/manifest.js';
import { readLines } from '../../stages/validate/read-lines.js';
import { readManifest } from '../run-directory.js';
import { unusableRunReason } from '../unusable-run.js';
import { isPreferenceExample, type TrainingExample } from '../../stages/format/chat-example.js';
import { ExportError, type ExportKind } from './types.js';

/** The split files a run directory can hold, in the order they are exported. */
export const EXPORT_SPLITS = ['train', 'validation', 'test'] as const;

export interface RunSplit {
  split: string;
  path: string;
  /** Example ids in line order, from meta.jsonl; `train.jsonl:7` where meta has none. */
  ids: string[];
}

export interface Run {
  dir: string;
  manifest: Manifest;
  splits: RunSplit[];
  /** 1 when meta.jsonl ended in a line cut short, which was skipped. */
  tornMetaLines: number;
}

export interface RunExample {
  id: string;
  example: TrainingExample;
}


const isMetaLine = (v: unknown): v is { id: string; split: string } => isRecord(v) && typeof v['id'] === 'string' && typeof v['split'] === 'string';

/** meta.jsonl lines are written in step with the split files, so the n-th meta line of a split names its n-th line. */
const readIds = (dir: string): { ids: Map<string, string[]>; tornLines: number } => {
  const ids = new Map<string, string[]>();
  const { values, tornLines } = readAppendOnlyJsonl(join(dir, 'meta.jsonl'), { check: isMetaLine, what: 'a meta line with an id and a split' });
  for (const meta of values) {
    let list = ids.get(meta.split);
    if (!list) ids.set(meta.split, (list = []));
    list.push(meta.id);
  }
  return { ids, tornLines };
};

/** Loads a finished run directory: its manifest and the split files the manifest lists. */
export const readRun = (dir: string): Run => {
  const { manifest } = readManifest(dir);
  if (!manifest.files['train.jsonl']) throw new ExportError(`${dir}: the manifest lists no train.jsonl; nothing to export`);
  const unusable = unusableRunReason(manifest);
  if (unusable !== undefined) throw new ExportError(`${dir}: ${unusable}`);
  const { ids, tornLines: tornMetaLines } = readIds(dir);
  const splits = EXPORT_SPLITS.flatMap((split) => {
    const file = manifest.files[`${split}.jsonl`];
    if (!file) return [];
    const path = join(dir, `${split}.jsonl`);
    if (!existsSync(path)) throw new ExportError(`${path}: listed in manifest.json but missing`);
    const known = ids.get(split) ?? [];
    // Ids only hold if meta agrees with the file; otherwise file:line is the honest name.
    const named = known.length === file.lines ? known : Array.from({ length: file.lines }, (_, i) => `${split}.jsonl:${i + 1}`);
    return [{ split, path, ids: named }];
  });
  return { dir, manifest, splits, tornMetaLines };
};

/** Streams one split's examples with their ids; a line that is not an example stops the export. */
export async function* readExamples(split: RunSplit): AsyncGenerator<RunExample> {
  for await (const line of readLines(split.path)) {
    if (line.text === undefined || line.text.trim() === '') throw new ExportError(`${split.path}:${line.number}: not a JSON line`);
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch {
      throw new ExportError(`${split.path}:${line.number}: not valid JSON`);
    }
    const isExample = isRecord(value) && (Array.isArray(value['messages']) || (isRecord(value['input']) && Array.isArray(value['input']['messages'])));
    if (!isExample) throw new ExportError(`${split.path}:${line.number}: neither a chat nor a DPO example`);
    yield { id: split.ids[line.number - 1] ?? `${split.split}.jsonl:${line.number}`, example: value as unknown as TrainingExample };
  }
}

export const kindOf = (example: TrainingExample): ExportKind => (isPreferenceExample(example) ? 'dpo' : 'sft');

