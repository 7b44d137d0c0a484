import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { captureIo } from '../helpers/capture-io.js';
import { tunesetProcess } from '../helpers/cli-process.js';

// Every failure a user can cause is one plain `error: ...` line and a known exit code: no stack
// trace, which is kept for bugs. Files of each kind are made in a scratch project.
const ws = mkdtempSync(join(tmpdir(), 'tuneset-expected-errors-'));
const at = (...parts: string[]) => join(ws, ...parts);
const TUNESET = pathToFileURL(join(import.meta.dirname, '..', '..', 'src', 'index.ts')).href;
const STACK_LINE = /^ {4}at /m;

writeFileSync(at('package.json'), '{"type": "module"}');
mkdirSync(at('a-dir'));
mkdirSync(at('unfinished-run'));
writeFileSync(at('data.jsonl'), '{"q": "x"}\n');
writeFileSync(at('not-an-array.json'), '{"passages": []}\n');
writeFileSync(at('no-default.ts'), 'export const x = 1;\n');
writeFileSync(
  at('bad-option.ts'),
  `import { dedupe, importJsonl, pipeline } from '${TUNESET}';\n` +
    `export default pipeline('bad-option', { model: 'gpt-4o-mini-2024-07-18' })\n` +
    `  .from(importJsonl({ path: 'data.jsonl', fields: { q: 'q' } }))\n` +
    `  .pipe(dedupe({ fields: ['q'], keep: 'last' as never }));\n`,
);
writeFileSync(at('syntax.ts'), `import { pipeline } from 'tuneset';\nexport default pipeline('x', { model: 'gpt-4o-mini' }\n  .from(;\n`);
writeFileSync(at('syntax.mjs'), 'export default 1 +;\n');
writeFileSync(at('throws.ts'), "const n = 1;\nthrow new Error(`the pipeline broke on purpose (${n})`);\n");

/** A port on 127.0.0.1 taken by a server of the test, and one where nothing listens. */
let taken: Server;
let takenPort: number;
let closedPort: number;
const listen = () => new Promise<Server>((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => resolve(s)); });
const portOf = (s: Server) => (s.address() as { port: number }).port;
beforeAll(async () => {
  taken = await listen();
  takenPort = portOf(taken);
  const closed = await listen();
  closedPort = portOf(closed);
  await new Promise((r) => closed.close(r));
});
afterAll(() => new Promise((r) => taken.close(r)));

const run = async (argv: string[]) => {
  const c = captureIo();
  const code = await main(argv, c.io);
  return { code, stderr: c.stderr() };
};

const AR_LSAT = 'pipelines/ar-lsat.ts';
const NOT_FINISHED = `${at('unfinished-run')} is not a finished run: manifest.json is missing (the run was interrupted or failed)`;
let outs = 0;
const out = () => at(`out-${++outs}`);

describe('expected errors, in process', () => {
  test.each<[string, () => string[], number, () => string | RegExp]>([
    ['run: no such pipeline file', () => ['run', at('nope.ts')], 2, () => `pipeline file not found: ${at('nope.ts')}`],
    ['run: a directory for the pipeline file', () => ['run', at('a-dir')], 2, () => `${at('a-dir')} is a directory; give the pipeline file (.ts) to run`],
    ['run: a data file for the pipeline file', () => ['run', at('data.jsonl')], 2, () => `${at('data.jsonl')} is not a pipeline file: a pipeline is a .ts (or .js) module whose default export is pipeline(...)`],
    ['run: no default export', () => ['run', at('no-default.ts')], 2, () => `${at('no-default.ts')}: the default export is not a pipeline (export default pipeline(...).from(...))`],
    ['run: a bad stage option', () => ['run', at('bad-option.ts')], 1, () => 'stage "dedupe": option keep: expected one of "smallest-id", "first", got "last"'],
    ['run: a --param of the wrong type', () => ['run', AR_LSAT, '--param', 'seed=abc'], 2, () => '--param seed: expected a number, got "abc"'],
    ['run: a --param out of range', () => ['run', AR_LSAT, '--param', 'validation=2'], 2, () => '--param validation: expected a number at most 0.9, got "2"'],
    ['run: an unknown --param', () => ['run', AR_LSAT, '--param', 'colour=red'], 2, () => '--param colour: ar-lsat has no such parameter; its parameters: validation, seed, decontaminate, nearDuplicates, test'],
    ['run: a missing input', () => ['run', AR_LSAT, '--input', at('missing.json'), '--out', out()], 1, () => `${at('missing.json')}: file not found`],
    ['run: a directory for the input', () => ['run', AR_LSAT, '--input', at('a-dir'), '--out', out()], 1, () => `${at('a-dir')}: is a directory`],
    ['run: input that is not what the source reads', () => ['run', AR_LSAT, '--input', at('not-an-array.json'), '--out', out()], 1, () => `${at('not-an-array.json')}: line 1, column 1: expected '[' (the input must be a JSON array), found '{'`],
    ['run: an input URL where nothing listens', () => ['run', AR_LSAT, '--input', `http://127.0.0.1:${closedPort}/x.json`, '--out', out()], 1, () => `could not connect to http://127.0.0.1:${closedPort}/x.json: connection refused`],
    ['run: --out is a file', () => ['run', AR_LSAT, '--out', at('data.jsonl')], 2, () => `--out ${at('data.jsonl')} is a file, not a directory`],
    ['validate: no such file', () => ['validate', at('nope.jsonl')], 1, () => `${at('nope.jsonl')}: file not found`],
    ['validate: a directory', () => ['validate', at('a-dir')], 1, () => `${at('a-dir')}: not a file`],
    ['train: no such run directory', () => ['train', at('nope')], 1, () => `${at('nope')}: run directory not found`],
    ['train: not a finished run', () => ['train', at('unfinished-run')], 1, () => NOT_FINISHED],
    ['watch: neither a run nor a job', () => ['watch', at('nope')], 1, () => `${at('nope')}: neither a run directory nor a job id`],
    ['watch: not a finished run', () => ['watch', at('unfinished-run')], 1, () => NOT_FINISHED],
    ['cancel: neither a run nor a job', () => ['cancel', at('nope')], 1, () => `${at('nope')}: neither a run directory nor a job id`],
    ['eval: no such run directory', () => ['eval', at('nope'), '--model', 'gpt-4o-mini'], 1, () => `${at('nope')}: run directory not found`],
    ['eval: not a finished run', () => ['eval', at('unfinished-run'), '--model', 'gpt-4o-mini'], 1, () => NOT_FINISHED],
    ['export: no such run directory', () => ['export', at('nope'), '--to', 'trl'], 1, () => `${at('nope')}: run directory not found`],
    ['export: not a finished run', () => ['export', at('unfinished-run'), '--to', 'trl'], 1, () => NOT_FINISHED],
    ['show: no such run directory', () => ['show', at('nope')], 1, () => `${at('nope')}: run directory not found`],
    ['show: not a finished run', () => ['show', at('unfinished-run')], 1, () => NOT_FINISHED],
    ['init: a file where the project would go', () => ['init', at('data.jsonl')], 2, () => `tuneset init: ${at('data.jsonl')} exists and is not a directory`],
    ['init: a path under a file (a failed system call)', () => ['init', at('data.jsonl', 'ds')], 1, () => `cannot create directory ${at('data.jsonl', 'ds')}: not a directory`],
    ['stages: an unknown name', () => ['stages', 'nope'], 2, () => /^no source or stage named "nope"\. Known: import-ar-lsat, [a-z, -]+$/],
    ['fake-openai: a port in use', () => ['fake-openai', '--port', String(takenPort)], 2, () => `port ${takenPort} is already in use on 127.0.0.1; choose another with --port N, or leave --port out to get a free one`],
  ])('%s', async (_name, argv, code, message) => {
    const r = await run(argv());
    expect(r.stderr).not.toMatch(STACK_LINE);
    const expected = message();
    if (typeof expected === 'string') expect(r).toEqual({ code, stderr: `error: ${expected}\n` });
    else {
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(/^error: [^\n]*\n$/);
      expect(r.stderr.slice('error: '.length, -1)).toMatch(expected);
    }
  });
});

// The pipeline loader under tsx (syntax errors are esbuild's, load errors Node's) is only the real CLI's.
test('through the real CLI: a syntax error names file:line:column, an error of the pipeline\'s own code names where it was thrown', () => {
  const cases: [string, number, string][] = [
    [at('syntax.ts'), 2, `${at('syntax.ts')}:3:9: syntax error: Unexpected ";"`],
    [at('syntax.mjs'), 2, `${at('syntax.mjs')}:1:19: syntax error: Unexpected token ';'`],
    [at('throws.ts'), 1, `${at('throws.ts')} failed to load: Error: the pipeline broke on purpose (1) (at ${at('throws.ts')}:2)`],
  ];
  for (const [file, code, message] of cases) {
    const r = tunesetProcess(['run', file]);
    expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ code, stderr: `error: ${message}\n`, stdout: '' });
  }
}, 60_000);

test('npm run fixture-site with a port in use: one line, exit 2', () => {
  const ROOT = join(import.meta.dirname, '..', '..');
  const p = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/serve-fixture-site.ts', '--port', String(takenPort)], { cwd: ROOT, encoding: 'utf8' });
  const r = { code: p.status, stderr: p.stderr, stdout: p.stdout };
  expect(r).toEqual({
    code: 2,
    stderr: `error: port ${takenPort} is already in use on 127.0.0.1; choose another with --port N, or leave --port out to get a free one\n`,
    stdout: '',
  });
}, 60_000);
