import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { judgeSettings } from '../../src/cli/eval-judge-options.js';
import { DEFAULT_JUDGE_MODEL, DEFAULT_JUDGE_RUBRIC } from '../../src/train/eval/scorers/judge-defaults.js';

test('the judge takes its defaults for what is not given, and the options for what is', () => {
  expect(judgeSettings({}, true, 4)).toEqual({ model: DEFAULT_JUDGE_MODEL, rubric: DEFAULT_JUDGE_RUBRIC, scale: [1, 5], concurrency: 4 });
  const file = join(mkdtempSync(join(tmpdir(), 'tuneset-rubric-')), 'rubric.md');
  writeFileSync(file, '\nGrade only whether the answer names the right product.\n');
  expect(judgeSettings({ 'judge-model': 'gpt-4o', 'rubric-file': file, 'judge-scale': '0-10', 'judge-max-cost': '0.5' }, true, 8)).toEqual({
    model: 'gpt-4o', rubric: 'Grade only whether the answer names the right product.', scale: [0, 10], maxCostUsd: 0.5, concurrency: 8,
  });
  expect(judgeSettings({ rubric: 'Be strict.' }, true, 1)?.rubric).toBe('Be strict.');
});

test('judge options are refused when nothing is judged, and when they are malformed, each with what was wrong', () => {
  expect(judgeSettings({}, false, 8)).toBeUndefined();
  expect(() => judgeSettings({ 'judge-scale': '1-5' }, false, 8)).toThrow('--judge-scale is for the judge, and no suite is scored by it (--scorer judge, or --suite FILE:judge)');
  expect(() => judgeSettings({ rubric: 'a', 'rubric-file': 'b' }, true, 8)).toThrow('give the rubric once: --rubric TEXT or --rubric-file FILE, not both');
  expect(() => judgeSettings({ 'rubric-file': '/nonexistent/rubric.md' }, true, 8)).toThrow('--rubric-file /nonexistent/rubric.md: not found');
  expect(() => judgeSettings({ rubric: '  ' }, true, 8)).toThrow('the judge needs a rubric: --rubric is empty');
  for (const scale of ['5-1', '3-3', '1..5', '-1-5', '1-5.5']) {
    expect(() => judgeSettings({ 'judge-scale': scale }, true, 8)).toThrow(`--judge-scale expects LO-HI with whole numbers, LO below HI (e.g. 1-5), got "${scale}"`);
  }
  for (const cost of ['0', '-1', 'lots', '']) expect(() => judgeSettings({ 'judge-max-cost': cost }, true, 8)).toThrow(`--judge-max-cost expects a number of USD above 0, got "${cost}"`);
});
