import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { formatRunSummary } from '../../src/cli/run-summary.js';
import type { StageSummary } from '../../src/pipeline/manifest.js';
import { goldenMatcher, maskRunTimes, updatingGoldens } from './golden.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'tuneset-golden-'));

test('a missing golden fails and says how to create it; nothing is written', () => {
  const dir = tmp();
  const match = goldenMatcher('x', { dir, update: false });
  expect(() => match('out.txt', 'hello\n')).toThrow(
    /^golden file .*out\.txt is missing: create it with `UPDATE_GOLDENS=1 npx vitest run test\/helpers\/golden\.test\.ts`, review it, and commit it$/,
  );
  expect(existsSync(join(dir, 'out.txt'))).toBe(false);
});

test('a golden that differs fails; an equal one passes', () => {
  const dir = tmp();
  writeFileSync(join(dir, 'out.txt'), 'hello\n');
  const match = goldenMatcher('x', { dir, update: false });
  expect(() => match('out.txt', 'hello\n')).not.toThrow();
  expect(() => match('out.txt', 'bye\n')).toThrow(/out\.txt differs from .*out\.txt \(if the change is intended, UPDATE_GOLDENS=1 rewrites it/);
});

test('updating writes missing and changed goldens', () => {
  const dir = join(tmp(), 'nested');
  const match = goldenMatcher('x', { dir, update: true });
  match('out.txt', 'first\n');
  expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('first\n');
  match('out.txt', 'second\n');
  expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('second\n');
});

test('UPDATE_GOLDENS=1 and the older UPDATE_GOLDEN=1 ask for an update; unset, empty or 0 do not', () => {
  expect(updatingGoldens({ UPDATE_GOLDENS: '1' })).toBe(true);
  expect(updatingGoldens({ UPDATE_GOLDEN: '1' })).toBe(true);
  expect(updatingGoldens({})).toBe(false);
  expect(updatingGoldens({ UPDATE_GOLDENS: '' })).toBe(false);
  expect(updatingGoldens({ UPDATE_GOLDENS: '0' })).toBe(false);
});

const stages = (slowMs: number): StageSummary[] => [
  { name: 'import', in: 3, expanded: 0, out: 3, dropped: {}, examples: {}, errored: 0, ms: 4 },
  { name: 'token-check', in: 3, expanded: 0, out: 2, dropped: { too_long: 1 }, examples: { too_long: [{ id: 'a' }] }, errored: 0, ms: slowMs },
];

test('the end-of-run table masks to the same text however long the slowest stage took', () => {
  const fast = formatRunSummary(stages(7));
  const slow = formatRunSummary(stages(123_456));
  // The time column widens with the slowest stage, header included.
  expect(fast.split('\n')[0]).toBe('stage        in  expanded  out  dropped  errored  time');
  expect(slow.split('\n')[0]).toBe('stage        in  expanded  out  dropped  errored    time');
  expect(maskRunTimes(slow)).toBe(maskRunTimes(fast));
  expect(maskRunTimes(fast).split('\n').slice(0, 4)).toEqual([
    'stage        in  expanded  out  dropped  errored  <time>',
    'import        3         0    3        0        0  <time>',
    'token-check   3         0    2        1        0  <time>',
    '',
  ]);
  // The drop reasons below the table are left as they are.
  expect(maskRunTimes(fast).split('\n').slice(4)).toEqual(fast.split('\n').slice(4));
});

test('output without the end-of-run table is an error, not a silent pass', () => {
  expect(() => maskRunTimes('nothing here\n')).toThrow(/no end-of-run table/);
});
