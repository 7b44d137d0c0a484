import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareRunDirs, jsonDiffs } from '../../bench/same-run-dir.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const runDir = (files: Record<string, string>, manifest: unknown): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-same-run-dir-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
};

const manifest = (ms: number, out = 2) => ({ runId: 'r', stages: [{ name: 'split', out, ms }], reports: { tokens: { countMs: ms, total: 9 } } });
const files = { 'train.jsonl': 'a\n', 'meta.jsonl': 'm\n', 'rejected.jsonl': '' };

describe('compareRunDirs', () => {
  it('passes two runs that differ only in timing fields', async () => {
    const same = await compareRunDirs(runDir(files, manifest(10)), runDir(files, manifest(99)));
    expect(same).toMatchObject({ ok: true, manifestDiffs: [] });
    expect(Object.keys(same.files)).toEqual(['train.jsonl', 'meta.jsonl', 'rejected.jsonl']);
  });

  it('fails on one changed byte in a data file, and on a missing file', async () => {
    expect((await compareRunDirs(runDir(files, manifest(1)), runDir({ ...files, 'meta.jsonl': 'n\n' }, manifest(1)))).ok).toBe(false);
    const { 'rejected.jsonl': _, ...fewer } = files;
    const missing = await compareRunDirs(runDir(files, manifest(1)), runDir(fewer, manifest(1)));
    expect(missing.ok).toBe(false);
    expect(missing.files['rejected.jsonl']).toMatchObject({ b: null });
  });

  it('fails on a manifest difference that is not a timing, naming its path', async () => {
    const diff = await compareRunDirs(runDir(files, manifest(1)), runDir(files, manifest(1, 3)));
    expect(diff).toMatchObject({ ok: false, manifestDiffs: ['$.stages[0].out'] });
  });
});

describe('jsonDiffs', () => {
  it('sees keys present on one side only and arrays of different length', () => {
    expect(jsonDiffs({ a: 1, b: [1, 2] }, { b: [1], c: null })).toEqual(['$.a', '$.b[1]', '$.c']);
  });
});
