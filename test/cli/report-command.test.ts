import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { refreshReport } from '../../src/cli/refresh-report.js';
import { captureIo } from '../helpers/capture-io.js';
import { writeSyntheticRun } from '../report/synthetic-run.js';

const run = async (...argv: string[]) => {
  const c = captureIo();
  const code = await main(argv, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};

test('tuneset report rebuilds report.html from the run directory as it is now', async () => {
  const dir = writeSyntheticRun([{ id: 'a', split: 'train', user: 'q', answer: 'a', tokens: 10 }]);
  const r = await run('report', dir);
  expect(r).toEqual({ code: 0, stdout: `Report: ${join(dir, 'report.html')}\n`, stderr: '' });
  expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('report built 2026-11-23T12:00:00.000Z');
});

test('tuneset report: help, usage errors and a directory that is not a finished run', async () => {
  const help = await run('report', '--help');
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^Usage: tuneset report <run-dir>\n/);
  expect(await run('report')).toEqual({ code: 2, stdout: '', stderr: "error: tuneset report takes exactly one run directory, got 0. See 'tuneset report --help'.\n" });
  const empty = join(mkdtempSync(join(tmpdir(), 'tuneset-report-cmd-')), 'x');
  mkdirSync(empty);
  expect(await run('report', empty)).toEqual({ code: 1, stdout: '', stderr: `error: ${empty} is not a finished run: manifest.json is missing (the run was interrupted or failed)\n` });
});

test('after train, watch or eval a report that cannot be built is a warning, not a failure', async () => {
  const dir = writeSyntheticRun([{ id: 'a', split: 'train', user: 'q', answer: 'a', tokens: 10 }]);
  // meta.jsonl as a directory: reading it fails.
  rmSync(join(dir, 'meta.jsonl'));
  mkdirSync(join(dir, 'meta.jsonl'));
  const c = captureIo();
  expect(await refreshReport(dir, c.io)).toBeUndefined();
  expect(c.stderr()).toMatch(new RegExp(`^warning: .*report\\.html was not rebuilt: EISDIR: illegal operation on a directory, read\\n$`));
  expect(existsSync(join(dir, 'report.html'))).toBe(false);
  // No run there (a job id was watched): nothing to rebuild, nothing said.
  const none = captureIo();
  expect(await refreshReport(undefined, none.io)).toBeUndefined();
  expect(none.stderr()).toBe('');
});
