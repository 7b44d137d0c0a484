import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { pipelineLoadError } from '../../src/cli/pipeline-load-error.js';
import { TunesetError, UsageError } from '../../src/pipeline/errors.js';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');
const withStack = (error: Error, ...frames: string[]) => Object.assign(error, { stack: `${error.name}: ${error.message}\n${frames.map((f) => `    at ${f}`).join('\n')}` });

test('an error thrown by the pipeline file\'s own code names where, without a stack', () => {
  const error = withStack(new RangeError('bad'), 'helper (file:///home/u/ds/lib/helper.ts:7:11)', '<anonymous> (/home/u/ds/p.ts:3:1)', 'ModuleJob.run (node:internal/modules/esm/module_job:325:25)');
  const plain = pipelineLoadError('p.ts', '/home/u/ds/p.ts', error);
  expect(plain).toBeInstanceOf(TunesetError);
  expect((plain as TunesetError).message).toBe('p.ts failed to load: RangeError: bad (at /home/u/ds/lib/helper.ts:7)');
});

test('an error thrown inside tuneset while the file loads is left as it is: a bug, reported with its stack', () => {
  const error = withStack(new TypeError('x is undefined'), `defineStage (${join(SRC, 'pipeline', 'stage.ts')}:90:3)`, '<anonymous> (/home/u/ds/p.ts:3:1)');
  expect(pipelineLoadError('p.ts', '/home/u/ds/p.ts', error)).toBe(error);
});

test('esbuild\'s syntax errors become file:line:column (counted from 1) and the message; more errors are counted', () => {
  const one = Object.assign(new Error('Transform failed with 1 error:\n/home/u/ds/p.ts:3:8: ERROR: Unexpected ";"'), { name: 'TransformError' });
  expect((pipelineLoadError('p.ts', '/home/u/ds/p.ts', one) as UsageError).message).toBe('p.ts:3:9: syntax error: Unexpected ";"');
  const imported = Object.assign(new Error('Transform failed with 3 errors:\n/home/u/ds/lib.ts:1:0: ERROR: Expected ";"\n/home/u/ds/lib.ts:2:0: ERROR: x'), { name: 'TransformError' });
  expect((pipelineLoadError('p.ts', '/home/u/ds/p.ts', imported) as UsageError).message).toBe('/home/u/ds/lib.ts:1:1: syntax error: Expected ";" (and 2 more)');
});

test('a file that cannot be read is the system error in words', () => {
  const denied = Object.assign(new Error("EACCES: permission denied, open '/home/u/ds/p.ts'"), { code: 'EACCES', syscall: 'open', path: '/home/u/ds/p.ts' });
  expect((pipelineLoadError('p.ts', '/home/u/ds/p.ts', denied) as TunesetError).message).toBe('cannot open /home/u/ds/p.ts: permission denied');
});
