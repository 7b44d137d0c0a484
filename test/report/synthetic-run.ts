import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest } from '../../src/pipeline/manifest.js';

export interface SyntheticExample {
  id: string;
  split: 'train' | 'validation';
  user: string;
  answer: string;
  tokens: number;
  label?: string;
}

export interface SyntheticRejected {
  stage: string;
  code: string;
  id: string;
  detail?: unknown;
  data?: unknown;
}

/**
 * A finished run directory written by hand (manifest, meta, split files, rejected), for report
 * tests that need sizes or contents no fixture pipeline produces. Only the fields the report reads.
 */
export const writeSyntheticRun = (examples: readonly SyntheticExample[], rejected: readonly SyntheticRejected[] = [], name = 'run'): string => {
  const dir = join(mkdtempSync(join(tmpdir(), 'tuneset-report-')), name);
  mkdirSync(dir, { recursive: true });
  const lines: Record<string, string[]> = { train: [], validation: [] };
  const meta: string[] = [];
  for (const e of examples) {
    lines[e.split]!.push(JSON.stringify({ messages: [{ role: 'user', content: e.user }, { role: 'assistant', content: e.answer }] }));
    meta.push(JSON.stringify({ id: e.id, split: e.split, group: e.id, source: { uri: 'synthetic.jsonl' }, meta: { ...(e.label ? { label: e.label } : {}), tokens: e.tokens, split: e.split } }));
  }
  const file = (name: string, content: string[]) => {
    writeFileSync(join(dir, name), content.map((l) => `${l}\n`).join(''));
    return { sha256: '0'.repeat(64), bytes: 0, lines: content.length };
  };
  const dropped: Record<string, Record<string, number>> = {};
  for (const r of rejected) (dropped[r.stage] ??= {})[r.code] = (dropped[r.stage]![r.code] ?? 0) + 1;
  const n = examples.length;
  const stages = [
    { name: 'import', in: n + rejected.length, expanded: 0, out: n, dropped: Object.assign({}, ...Object.values(dropped)), examples: {}, errored: 0, ms: 1 },
    { name: 'split', in: n, expanded: 0, out: n, dropped: {}, examples: {}, errored: 0, ms: 1 },
  ];
  const count = (split: string) => examples.filter((e) => e.split === split).length;
  const manifest: Manifest = {
    tuneset: '0.1.0',
    pipeline: 'synthetic',
    runId: `2026-11-23T12:00:00.000Z-${name}`,
    provider: 'openai',
    model: 'gpt-4o-mini-2024-07-18',
    train: { epochs: 3 },
    params: {},
    configHash: 'c'.repeat(64),
    startedAt: '2026-11-23T12:00:00.000Z',
    versions: { tuneset: '0.1.0' },
    inputs: [{ uri: 'synthetic.jsonl', sha256: 'a'.repeat(64), bytes: 1 }],
    stages,
    reports: {},
    leakage: { ok: true, examples: { train: count('train'), validation: count('validation') }, groups: n, prompts: n, sharedGroups: [], sharedPrompts: [] },
    dataset: { hash: 'd'.repeat(64), examples: n, splits: { train: { hash: 'e'.repeat(64), examples: count('train') }, validation: { hash: 'f'.repeat(64), examples: count('validation') } } },
    files: {
      'train.jsonl': file('train.jsonl', lines['train']!),
      'validation.jsonl': file('validation.jsonl', lines['validation']!),
      'meta.jsonl': file('meta.jsonl', meta),
      'rejected.jsonl': file('rejected.jsonl', rejected.map((r) => JSON.stringify({ ...r, source: { uri: 'synthetic.jsonl' } }))),
    },
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
};
