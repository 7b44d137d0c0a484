import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { StageCounters } from '../../src/pipeline/counters.js';
import { LedgerError } from '../../src/pipeline/errors.js';
import { checkLedger } from '../../src/pipeline/ledger.js';

/** A stage's counters, balanced unless told otherwise: in = out + dropped + errored. */
const stage = (name: string, c: { in: number; dropped?: number; errored?: number; out?: number }) => {
  const counters = new StageCounters();
  counters.in = c.in;
  counters.errored = c.errored ?? 0;
  for (let i = 0; i < (c.dropped ?? 0); i++) counters.addDrop('too_short');
  counters.out = c.out ?? c.in - (c.dropped ?? 0) - counters.errored;
  return { name, counters };
};

/** rejected.jsonl with one line per stage name given (one entry per line). */
const rejectedFile = (stages: (string | undefined)[], extra = '') => {
  const path = join(mkdtempSync(join(tmpdir(), 'tuneset-ledger-')), 'rejected.jsonl');
  writeFileSync(path, stages.map((s) => `${JSON.stringify(s === undefined ? { code: 'x' } : { stage: s, code: 'x' })}\n`).join('') + extra);
  return path;
};

/** The LedgerError's message, or 'balanced'. */
const verdict = async (stages: ReturnType<typeof stage>[], path: string): Promise<string> => {
  try {
    await checkLedger(stages, path);
    return 'balanced';
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerError);
    return (error as Error).message;
  }
};

test('a ledger whose counts and rejected lines agree balances', async () => {
  const stages = [stage('import', { in: 5, dropped: 1 }), stage('clean', { in: 4, dropped: 1, errored: 1 }), stage('split', { in: 2 })];
  expect(await verdict(stages, rejectedFile(['clean', 'import', 'clean']))).toBe('balanced');
});

test('more rejected lines than the stage dropped and errored fails, naming the stage and both numbers', async () => {
  const stages = [stage('clean', { in: 4, dropped: 2 })];
  expect(await verdict(stages, rejectedFile(['clean', 'clean', 'clean']))).toBe(
    'ledger does not balance:\n  clean: rejected.jsonl has 3 lines but the stage dropped 2 and errored 0',
  );
});

test('fewer rejected lines than the stage dropped and errored fails too', async () => {
  const stages = [stage('clean', { in: 4, dropped: 1, errored: 1 })];
  expect(await verdict(stages, rejectedFile(['clean']))).toBe('ledger does not balance:\n  clean: rejected.jsonl has 1 lines but the stage dropped 1 and errored 1');
});

test('rejected lines from a stage the run does not have fail, even when every stage adds up', async () => {
  const stages = [stage('clean', { in: 4, dropped: 1 })];
  expect(await verdict(stages, rejectedFile(['clean', 'ghost', 'ghost', undefined]))).toBe(
    'ledger does not balance:\n  rejected.jsonl has 2 lines from unknown stage "ghost"\n  rejected.jsonl has 1 lines from unknown stage "(none)"',
  );
});

test('a stage whose own counts do not add up fails with its equation', async () => {
  const stages = [stage('dedupe', { in: 4, dropped: 1, out: 2 })];
  expect(await verdict(stages, rejectedFile(['dedupe']))).toBe('ledger does not balance:\n  dedupe: in 4 + expanded 0 != out 2 + dropped 1 + errored 0');
});

test('a line that is not JSON fails naming the file and line', async () => {
  const path = rejectedFile(['clean'], '{"stage": "clean", \n');
  await expect(checkLedger([stage('clean', { in: 2, dropped: 2 })], path)).rejects.toThrow(`${path}:2: not a JSON line`);
});
