import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { startFakeOpenAI } from '../../src/providers/fake/index.js';

// The package as users get it: `npm pack`, then, in an empty directory with nothing else from this
// repository, `npm install <tarball>` (from the npm registry for the dependencies), `tuneset init`,
// `tuneset run` and `tsc` against the shipped .d.ts. Slow (an install), so one install serves all.
const ROOT = join(import.meta.dirname, '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const PREVIEW = /Hand-off preview \(dry run: nothing is uploaded/;

// npm passes its own settings to scripts as npm_* variables (running under `npm test`); the user's
// npm in an empty directory has none of them.
const ENV = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD')),
  TUNESET_NOW: '2026-11-23T12:00:00Z',
};

const sh = (cwd: string, command: string, args: string[]) => {
  const r = spawnSync(command, args, { cwd, env: ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, all: `${r.stdout}\n${r.stderr}` };
};

let app: string;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-install-'));
  const packed = sh(ROOT, 'npm', ['pack', '--pack-destination', dir, '--json']);
  expect(packed.code, packed.all).toBe(0);
  const { filename, files } = (JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[])[0]!;
  // What a user needs and nothing else: no tests, fixtures or bench.
  const top = [...new Set(files.map((f) => f.path.split('/')[0]))].sort();
  expect(top).toEqual(['README.md', 'bin', 'dist', 'package.json', 'src', 'templates']);
  expect(files.map((f) => f.path)).toContain('dist/index.d.ts');
  // The chat templates read from src/tokenizers/templates at run time (Llama 3's, gpt-oss's).
  expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['src/tokenizers/templates/llama3.jinja', 'src/tokenizers/templates/gpt-oss.jinja']));

  app = join(dir, 'app');
  mkdirSync(app);
  expect(sh(app, 'npm', ['init', '-y']).code).toBe(0);
  const installed = sh(app, 'npm', ['install', '--no-audit', '--no-fund', join(dir, filename)]);
  expect(installed.code, installed.all).toBe(0);
}, 900_000);

/** 200 rows as a CSV file: header question,answer; a BOM, CRLF line ends, quoted commas, quoted line breaks, one row short of a cell and one duplicate. */
const messyCsv = () => {
  const lines: string[] = ['question,answer'];
  const bad: { line: number; code: string; raw?: string; data?: object }[] = [];
  let firstLineOf7 = 0;
  for (let i = 1; i <= 200; i++) {
    const line = lines.join('\r\n').split('\r\n').length + 1;
    if (i === 50) {
      lines.push(`"Question ${i}, with no answer cell"`);
      bad.push({ line, code: 'wrong_column_count', raw: `"Question ${i}, with no answer cell"` });
    } else if (i === 120) {
      lines.push('"What is item 7, exactly?","Item 7 is ""seven"",\r\nover two lines."');
      // After clean, which turns the CRLF inside the quoted field into a line feed.
      bad.push({ line, code: 'duplicate', data: { question: 'What is item 7, exactly?', answer: 'Item 7 is "seven",\nover two lines.' } });
    } else if (i === 7) {
      firstLineOf7 = line;
      lines.push('"What is item 7, exactly?","Item 7 is ""seven"",\r\nover two lines."');
    } else if (i % 10 === 3) {
      lines.push(`"What is item ${i}, exactly?","Item ${i} is the ${i}th entry,\r\nand its answer spans two lines."`);
    } else {
      lines.push(`What is item ${i}?,Item ${i} is entry number ${i}.`);
    }
  }
  return { text: `\ufeff${lines.join('\r\n')}\r\n`, bad, firstLineOf7 };
};

const rejected = (dir: string) =>
  readFileSync(join(dir, 'rejected.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { stage: string; code: string; source: { uri: string; line: number }; data: unknown; detail: unknown });

const examples = (dir: string) => ['train.jsonl', 'validation.jsonl'].reduce((n, f) => n + readFileSync(join(dir, f), 'utf8').trim().split('\n').length, 0);

test('csv: init, run the sample to the preview, then a messy CSV of 200 rows with every bad row in rejected.jsonl', () => {
  const init = sh(app, 'npx', ['tuneset', 'init', 'my-set', '--template', 'csv']);
  expect(init.code, init.all).toBe(0);
  expect(init.stdout).toContain('npx tuneset run my-set/pipelines/my-set.ts');
  expect(JSON.parse(readFileSync(join(app, 'my-set', 'package.json'), 'utf8'))).toMatchObject({ type: 'module', dependencies: { tuneset: expect.stringMatching(/^file:\.\.\/\.\.\/tuneset-.*\.tgz$/) } });

  const sample = sh(app, 'npx', ['tuneset', 'run', 'my-set/pipelines/my-set.ts', '--out', 'out-sample']);
  expect(sample.code, sample.all).toBe(0);
  expect(sample.stdout).toMatch(PREVIEW);
  expect(examples(join(app, 'out-sample'))).toBe(16);
  // Versions of the libraries that shape records are read where an install puts them (beside tuneset).
  const { versions } = JSON.parse(readFileSync(join(app, 'out-sample', 'manifest.json'), 'utf8')) as { versions: Record<string, string> };
  expect(Object.keys(versions).filter((name) => versions[name] === 'unknown')).toEqual([]);

  const csv = messyCsv();
  writeFileSync(join(app, 'other.csv'), csv.text);
  // Two worker threads count the tokens: they load tuneset's TypeScript from the installed package too.
  const r = sh(app, 'npx', ['tuneset', 'run', 'my-set/pipelines/my-set.ts', '--input', 'other.csv', '--out', 'out-csv', '--workers', '2']);
  expect(r.code, r.all).toBe(0);
  expect(r.stdout).toMatch(PREVIEW);
  expect(examples(join(app, 'out-csv'))).toBe(198);
  const [short, duplicate, ...more] = rejected(join(app, 'out-csv'));
  expect(more).toEqual([]);
  expect(short).toEqual({
    stage: 'import-csv',
    code: 'wrong_column_count',
    detail: { expected: 2, got: 1 },
    id: `other.csv:${csv.bad[0]!.line}`,
    source: { uri: 'other.csv', line: csv.bad[0]!.line },
    data: { raw: csv.bad[0]!.raw },
  });
  // Dedupe's keep rule decides which copy stays; the other is dropped naming it.
  expect(duplicate).toMatchObject({ stage: 'dedupe', code: 'duplicate', source: { uri: 'other.csv' }, data: csv.bad[1]!.data });
  const kept = (duplicate!.detail as { keptId: string }).keptId;
  expect([`other.csv:${duplicate!.source.line}`, kept].sort()).toEqual([`other.csv:${csv.firstLineOf7}`, `other.csv:${csv.bad[1]!.line}`].sort());
}, 600_000);

test('runs over time from the installed package: report.html, an unchanged --if-changed run writes nothing, runs, diff, report', () => {
  expect(sh(app, 'npx', ['tuneset', 'init', 'over-time', '--template', 'csv']).code).toBe(0);
  const first = sh(app, 'npx', ['tuneset', 'run', 'over-time/pipelines/over-time.ts']);
  expect(first.code, first.all).toBe(0);
  const runDir = /Run directory: (\S+)/.exec(first.stdout)?.[1];
  expect(runDir, first.stdout).toBeDefined();
  expect(readdirSync(join(app, runDir!))).toContain('report.html');

  const again = sh(app, 'npx', ['tuneset', 'run', 'over-time/pipelines/over-time.ts', '--if-changed']);
  expect(again.code, again.all).toBe(0);
  expect(again.stdout).toContain(`no change since ${basename(runDir!)}`);
  expect(readdirSync(join(app, 'output', 'over-time')).sort()).toEqual([basename(runDir!), 'cache']);

  const runs = sh(app, 'npx', ['tuneset', 'runs', 'over-time', '--json']);
  expect(runs.code, runs.all).toBe(0);
  const listed = JSON.parse(runs.stdout) as { runId: string; dataset: { examples: number } }[];
  expect(listed.map((r) => [r.runId, r.dataset.examples])).toEqual([[basename(runDir!), 16]]);

  const diff = sh(app, 'npx', ['tuneset', 'diff', runDir!, runDir!, '--json']);
  expect(diff.code, diff.all).toBe(0);
  expect((JSON.parse(diff.stdout) as { examples: unknown }).examples).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 16 });

  rmSync(join(app, runDir!, 'report.html'));
  const report = sh(app, 'npx', ['tuneset', 'report', runDir!]);
  expect(report.code, report.all).toBe(0);
  expect(readFileSync(join(app, runDir!, 'report.html'), 'utf8')).toContain('<svg');
}, 600_000);

test('jsonl: init, run the sample to the preview, then 200 CRLF lines with a bad JSON line, a line without answer and a duplicate', () => {
  expect(sh(app, 'npx', ['tuneset', 'init', 'my-jsonl', '--template', 'jsonl']).code).toBe(0);
  const sample = sh(app, 'npx', ['tuneset', 'run', 'my-jsonl/pipelines/my-jsonl.ts', '--out', 'out-jsonl-sample']);
  expect(sample.code, sample.all).toBe(0);
  expect(sample.stdout).toMatch(PREVIEW);

  const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify({ question: `What is item ${i + 1}?`, answer: `Item ${i + 1} is entry number ${i + 1}.` }));
  lines[29] = '{"question": "Broken line", "answer": "no closing brace"';
  lines[99] = JSON.stringify({ question: 'A question nobody answered' });
  lines[149] = lines[9]!;
  writeFileSync(join(app, 'other.jsonl'), `${lines.join('\r\n')}\r\n`);
  const r = sh(app, 'npx', ['tuneset', 'run', 'my-jsonl/pipelines/my-jsonl.ts', '--input', 'other.jsonl', '--out', 'out-jsonl']);
  expect(r.code, r.all).toBe(0);
  expect(r.stdout).toMatch(PREVIEW);
  expect(examples(join(app, 'out-jsonl'))).toBe(197);
  const drops = rejected(join(app, 'out-jsonl')).map(({ stage, code, source, data, detail }) => ({ stage, code, source, data, detail }));
  expect(drops.slice(0, 2)).toEqual([
    { stage: 'import-jsonl', code: 'invalid_json', source: { uri: 'other.jsonl', line: 30 }, data: { raw: lines[29] }, detail: expect.objectContaining({ column: lines[29]!.length + 1 }) },
    { stage: 'import-jsonl', code: 'missing_field', source: { uri: 'other.jsonl', line: 100 }, data: { raw: lines[99] }, detail: { fields: { answer: 'answer' } } },
  ]);
  // Lines 10 and 150 are the same; dedupe's keep rule decides which one stays.
  expect(drops.slice(2)).toEqual([{ stage: 'dedupe', code: 'duplicate', source: { uri: 'other.jsonl', line: expect.any(Number) }, data: { question: 'What is item 10?', answer: 'Item 10 is entry number 10.' }, detail: expect.anything() }]);
  expect(new Set([`other.jsonl:${drops[2]!.source.line}`, (drops[2]!.detail as { keptId: string }).keptId])).toEqual(new Set(['other.jsonl:10', 'other.jsonl:150']));
}, 600_000);

test('tsc checks the scaffolded pipelines against the shipped .d.ts, and catches a misspelt option', () => {
  expect(readdirSync(join(app, 'node_modules', 'tuneset', 'dist'))).toContain('index.d.ts');
  for (const project of ['my-set', 'my-jsonl']) {
    const r = sh(app, process.execPath, [TSC, '-p', project]);
    expect(r.all.trim(), project).toBe('');
    expect(r.code).toBe(0);
  }
  writeFileSync(join(app, 'my-set', 'pipelines', 'typo.ts'), "import { clean } from 'tuneset';\n\nexport const cleaned = clean({ feilds: ['question'] });\n");
  const typo = sh(app, process.execPath, [TSC, '-p', 'my-set']);
  expect(typo.code).not.toBe(0);
  expect(typo.stdout).toMatch(/pipelines\/typo\.ts\(3,\d+\): error TS\d+: .*'feilds'/);
}, 300_000);

test('a bad stage option in a pipeline of the project is the CLI plain error, not a stack: the pipeline and the CLI share one tuneset', () => {
  writeFileSync(
    join(app, 'my-set', 'pipelines', 'bad-option.ts'),
    "import { importCsv, pipeline, split } from 'tuneset';\n\nexport default pipeline('bad-option', { model: 'gpt-4o-mini-2024-07-18' })\n  .from(importCsv({ path: 'x.csv', fields: { q: 'q' } }))\n  .pipe(split({ validation: 5 }));\n",
  );
  const r = sh(app, 'npx', ['tuneset', 'run', 'my-set/pipelines/bad-option.ts']);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^error: stage "split": option validation: expected a number at most 1, got 5[^\n]*\n$/);
}, 300_000);

test('models and targets from the installed copy: together lists a model; a local target counts with its own tokenizer, as this repository counts', () => {
  const models = sh(app, 'npx', ['tuneset', 'models', '--provider', 'together']);
  expect(models.code, models.all).toBe(0);
  expect(models.stdout).toMatch(/^together\s+Qwen\/Qwen3-8B\s/m);
  expect(models.stdout).not.toMatch(/^(openai|azure|nebius|fireworks|local)\s/m);

  expect(sh(app, 'npx', ['tuneset', 'init', 'my-target', '--template', 'jsonl']).code).toBe(0);
  const pipelineFile = join('my-target', 'pipelines', 'my-target.ts');
  // Qwen3 counts with its tokenizer package's own template; Llama 3 with src/tokenizers/templates/llama3.jinja.
  for (const [target, tokenizer] of [
    ['local:Qwen/Qwen3-0.6B', 'qwen3'],
    ['local:meta-llama/Llama-3.2-1B-Instruct', 'llama3'],
  ] as const) {
    const out = `out-${tokenizer}`;
    const r = sh(app, 'npx', ['tuneset', 'run', pipelineFile, '--target', target, '--out', out]);
    expect(r.code, r.all).toBe(0);
    // The same pipeline through this repository's CLI: the installed copy's counts are the same.
    const here = sh(app, process.execPath, [join(ROOT, 'bin', 'tuneset.js'), 'run', pipelineFile, '--target', target, '--out', `${out}-repo`]);
    expect(here.code, here.all).toBe(0);
    const report = (dir: string) => (JSON.parse(readFileSync(join(app, dir, 'manifest.json'), 'utf8')) as { reports: Record<string, unknown> }).reports['token-check'] as { model: string; tokenizer: string; splits: unknown };
    expect(report(out)).toMatchObject({ model: target.slice('local:'.length), tokenizer });
    expect(report(out).splits).toEqual(report(`${out}-repo`).splits);
  }
}, 600_000);

/** Like `sh`, but leaves the event loop free: the fake OpenAI server below runs in this process. */
const shAsync = (cwd: string, command: string, args: string[], env: Record<string, string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string; all: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...ENV, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, all: `${stdout}\n${stderr}` }));
  });

test('evaluation from the installed package: score gives sacreBLEU\'s number; eval scores a run and a retention suite with rouge and letter and writes the side-by-side page', async () => {
  // sacreBLEU's README corpus (github.com/mjpost/sacrebleu, Apache-2.0): 48.53 with both reference sets.
  writeFileSync(join(app, 'hyp.txt'), "The dog bit the man.\nIt wasn't surprising.\nThe man had just bitten him.\n");
  writeFileSync(join(app, 'ref1.txt'), 'The dog bit the man.\nIt was not unexpected.\nThe man bit him first.\n');
  writeFileSync(join(app, 'ref2.txt'), 'The dog had bit the man.\nNo one was surprised.\nThe man had bitten the dog.\n');
  const scored = sh(app, 'npx', ['tuneset', 'score', '--scorer', 'bleu', '--prediction', 'hyp.txt', '--reference', 'ref1.txt', '--reference', 'ref2.txt']);
  expect(scored.code, scored.all).toBe(0);
  expect(scored.stdout).toContain('BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)');

  expect(sh(app, 'npx', ['tuneset', 'init', 'graded', '--template', 'jsonl']).code).toBe(0);
  const run = sh(app, 'npx', ['tuneset', 'run', 'graded/pipelines/graded.ts', '--out', 'out-graded']);
  expect(run.code, run.all).toBe(0);
  writeFileSync(
    join(app, 'general.jsonl'),
    ['Which is a prime number? A) 4 B) 7 C) 9 D) 12', 'Which planet is largest? A) Mars B) Venus C) Jupiter D) Mercury']
      .map((q, i) => JSON.stringify({ input: [{ role: 'user', content: q }], ideal: ['B', 'C'][i] }))
      .join('\n'),
  );
  const fake = await startFakeOpenAI({ now: '2026-12-01T12:00:00Z' });
  try {
    const env = { OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'sk-installed-test' };
    const args = ['tuneset', 'eval', 'out-graded', '--model', 'gpt-4o-mini-2024-07-18', '--scorer', 'rouge', '--suite', 'general.jsonl', '--html'];
    const r = await shAsync(app, 'npx', args, env);
    expect(r.code, r.all).toBe(0);
    expect(r.stdout).toMatch(/^validation\s+rouge\s+gpt-4o-mini-2024-07-18\s/m);
    expect(r.stdout).toMatch(/^general\s+letter\s+gpt-4o-mini-2024-07-18\s/m);
    const record = JSON.parse(readFileSync(join(app, 'out-graded', 'eval.json'), 'utf8')) as { version: number; html: string; suites: { name: string }[] };
    expect([record.version, record.suites.map((s) => s.name)]).toEqual([2, ['validation', 'general']]);
    expect(readFileSync(join(app, 'out-graded', record.html), 'utf8')).toContain('Which planet is largest?');
    // The same evaluation again: every answer from the cache, the same table.
    const requests = fake.requests.length;
    const again = await shAsync(app, 'npx', args, env);
    expect([again.code, fake.requests.length]).toEqual([0, requests]);
    const table = (stdout: string) => stdout.split('\n').slice(0, 3).join('\n');
    expect(table(again.stdout)).toBe(table(r.stdout));
    expect(again.stdout).toContain('gpt-4o-mini-2024-07-18: 0 requests, $0.00 now; the answers cost');
  } finally {
    await fake.close();
  }
}, 600_000);
