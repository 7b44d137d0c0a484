import { expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { captureIo } from '../helpers/capture-io.js';

const run = async (...argv: string[]) => {
  const c = captureIo();
  const code = await main(argv, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};

test('help everywhere, exit 0', async () => {
  expect((await run('--help')).stdout).toMatch(/^Usage: tuneset <command>/);
  const runHelp = await run('run', '--help');
  expect(runHelp.code).toBe(0);
  expect(runHelp.stdout).toMatch(/--input PATH\|URL/);
  expect((await run('validate', '--help')).stdout).toMatch(/^Usage: tuneset validate <file.jsonl>/);
});

test('usage errors exit 2 with a message that says what is wrong', async () => {
  expect(await run('frobnicate')).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown command "frobnicate"/) });
  expect(await run('run')).toMatchObject({ code: 2, stderr: expect.stringMatching(/takes exactly one pipeline file, got 0/) });
  expect(await run('run', 'pipelines/nope.ts')).toMatchObject({ code: 2, stderr: 'error: pipeline file not found: pipelines/nope.ts\n' });
  expect(await run('run', 'pipelines/ar-lsat.ts', '--limit', 'x')).toMatchObject({ code: 2, stderr: 'error: --limit expects a whole number >= 1, got "x"\n' });
  expect(await run('run', 'pipelines/ar-lsat.ts', '--param', 'seed')).toMatchObject({ code: 2, stderr: 'error: --param expects name=value, got "seed"\n' });
  expect(await run('run', 'pipelines/ar-lsat.ts', '--param', 'colour=red')).toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/^error: --param colour: ar-lsat has no such parameter; its parameters: validation, seed, /),
  });
  expect(await run('run', 'pipelines/ar-lsat.ts', '--bogus')).toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown option '--bogus'/) });
});

test('an unreadable input fails the run with exit 1 naming it', async () => {
  const r = await run('run', 'pipelines/ar-lsat.ts', '--input', 'fixtures/missing.json', '--out', `${process.env['TMPDIR'] ?? '/tmp'}/tuneset-missing-${process.pid}`);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/fixtures\/missing\.json: .*not found/);
});
