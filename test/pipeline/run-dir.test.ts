import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { UsageError } from '../../src/pipeline/errors.js';
import { prepareExplicitRunDir } from '../../src/pipeline/run-dir.js';
import { newRunMarker, type RunMarker } from '../../src/pipeline/run-marker.js';

const marker = newRunMarker('demo', new Date('2026-11-23T10:00:00Z'));
const dirWith = (files: Record<string, string>, dirs: string[] = []): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-run-dir-'));
  for (const d of dirs) mkdirSync(join(dir, d), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};
const markerOf = (m: Partial<RunMarker>) => JSON.stringify({ pipeline: 'demo', startedAt: '2026-11-22T08:00:00.000Z', pid: 2 ** 22 + 1, host: hostname(), ...m });
const refusal = (dir: string): string => {
  try {
    prepareExplicitRunDir(dir, marker);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${dir} was not refused`);
};

test('an interrupted run of the same pipeline is replaced, data files a kill left between renames included', () => {
  const dir = dirWith(
    { '.tuneset-run.json': markerOf({}), 'train.jsonl': '{}\n', 'meta.jsonl': '{}\n', 'rejected.jsonl.partial': '', '.tmp/split-7.spool': 'x' },
    ['.tmp'],
  );
  const { runDir, replaced } = prepareExplicitRunDir(dir, marker);
  expect(runDir).toBe(dir);
  expect(replaced).toMatchObject({ pipeline: 'demo', startedAt: '2026-11-22T08:00:00.000Z' });
  // Only the new run's marker is left.
  expect(readdirSync(dir)).toEqual(['.tuneset-run.json']);
  expect(JSON.parse(readFileSync(join(dir, '.tuneset-run.json'), 'utf8'))).toEqual(marker);
});

test('a run whose process is still running is not replaced', () => {
  // The parent of this test process is alive for as long as the test runs.
  const dir = dirWith({ '.tuneset-run.json': markerOf({ pid: process.ppid }), 'train.jsonl.partial': '' });
  expect(refusal(dir)).toBe(`--out ${dir} is in use: a run of demo started 2026-11-22T08:00:00.000Z (process ${process.ppid}) is still writing to it`);
  expect(readdirSync(dir).sort()).toEqual(['.tuneset-run.json', 'train.jsonl.partial']);
});

test('a marker torn by a kill does not say which pipeline: refused, not guessed', () => {
  const dir = dirWith({ '.tuneset-run.json': '{"pipeline": "de', 'meta.jsonl.partial': '' });
  expect(refusal(dir)).toBe(
    `--out ${dir} is not empty: it holds an interrupted run of an unknown pipeline (.tuneset-run.json, meta.jsonl.partial; no .tuneset-run.json says which); choose another directory or delete it`,
  );
});

test('other files are counted and the first four named; one is "a file that is"', () => {
  const many = dirWith({ 'a.txt': '', 'b.txt': '', 'c.txt': '', 'd.txt': '', 'e.txt': '', 'train.jsonl.partial': '' });
  expect(refusal(many)).toBe(`--out ${many} is not empty: it holds 5 files that are not a tuneset run: a.txt, b.txt, c.txt, d.txt and 1 more; choose another directory or delete it`);
  const one = dirWith({ 'notes.md': '' });
  expect(refusal(one)).toBe(`--out ${one} is not empty: it holds 1 file that is not a tuneset run: notes.md; choose another directory or delete it`);
});

test('a finished run of any pipeline is refused with its pipeline and files', () => {
  const dir = dirWith({ 'manifest.json': JSON.stringify({ pipeline: 'demo', files: {} }), 'train.jsonl': '' });
  expect(refusal(dir)).toBe(`--out ${dir} is not empty: it holds a finished run of demo (manifest.json, train.jsonl); choose another directory or delete it`);
});
