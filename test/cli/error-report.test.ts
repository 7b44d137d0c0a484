import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { reportError, systemErrorText } from '../../src/cli/error-report.js';
import { SourceError, TunesetError, UsageError } from '../../src/pipeline/errors.js';

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
};

test('an expected error is one plain line with its exit code', () => {
  expect(reportError(new UsageError('--limit expects a whole number >= 1, got "x"'))).toEqual({ text: 'error: --limit expects a whole number >= 1, got "x"\n', exitCode: 2 });
  expect(reportError(new SourceError('a.json', 'file not found'))).toEqual({ text: 'error: a.json: file not found\n', exitCode: 1 });
  expect(reportError(new TunesetError('x'))).toEqual({ text: 'error: x\n', exitCode: 1 });
});

test('a failed system call names the operation, the path and the reason in words, without a stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-errors-'));
  const file = join(dir, 'f');
  writeFileSync(file, 'x');
  expect(reportError(thrown(() => mkdirSync(join(file, 'sub'))))).toEqual({ text: `error: cannot create directory ${join(file, 'sub')}: not a directory\n`, exitCode: 1 });
  expect(systemErrorText(thrown(() => readFileSync(join(dir, 'missing'))))).toBe(`cannot open ${join(dir, 'missing')}: no such file or directory`);
  expect(systemErrorText(thrown(() => readdirSync(file)))).toBe(`cannot list directory ${file}: not a directory`);
  expect(systemErrorText(thrown(() => renameSync(join(dir, 'missing'), join(dir, 'to'))))).toBe(`cannot rename ${join(dir, 'missing')} to ${join(dir, 'to')}: no such file or directory`);
  const denied = Object.assign(new Error("EACCES: permission denied, open '/x'"), { code: 'EACCES', syscall: 'open', path: '/x' });
  expect(systemErrorText(denied)).toBe('cannot open /x: permission denied');
});

test('anything else is a bug: the stack, and a line asking for a report', () => {
  const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
  const { text, exitCode } = reportError(bug);
  expect(exitCode).toBe(1);
  const lines = text.trimEnd().split('\n');
  expect(lines[0]).toBe("error: TypeError: Cannot read properties of undefined (reading 'id')");
  expect(lines[1]).toMatch(/^ {4}at /);
  expect(lines.at(-1)).toBe('this is a bug in tuneset; please report it, with the command you ran and the lines above');
  // An error with a code but no system call is not a system error.
  expect(systemErrorText(Object.assign(new Error('x'), { code: 'ERR_SOMETHING' }))).toBeUndefined();
  expect(reportError('a string').text).toBe('error: a string\nthis is a bug in tuneset; please report it, with the command you ran and the lines above\n');
});
