import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { captureIo } from '../helpers/capture-io.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';

// Each template is scaffolded into a directory outside the repository and its pipeline run there
// in-process, as a user's project would: 'tuneset' resolves through node_modules/tuneset (here a
// link to this checkout, as `npm install <dir>` makes), never through ../src.
const ROOT = join(import.meta.dirname, '..', '..');
const PREVIEW = /Hand-off preview \(dry run: nothing is uploaded/;

const run = async (...argv: string[]) => {
  const c = captureIo();
  const code = await main(argv, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};

/** A workspace with tuneset installed (linked), as `npm install` leaves it. */
const workspace = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-init-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'tuneset'), 'dir');
  return dir;
};

const rows = (text: string) => text.trim().split('\n').length;

let site: SiteServer;
// A fixed port: page URLs are split groups, so the split (and its 10-example minimum) is stable.
beforeAll(async () => void (site = await startSiteServer({ port: 47831 })));
afterAll(() => site.close());

test('csv: scaffolds package.json, tsconfig, the pipeline, a sample and a README, and prints the next commands', async () => {
  const ws = workspace();
  const project = join(ws, 'my-set');
  const r = await run('init', project);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  expect(readdirSync(project, { recursive: true }).map(String).sort()).toEqual(
    ['.gitignore', 'README.md', 'data', 'data/sample.csv', 'package.json', 'pipelines', 'pipelines/my-set.ts', 'tsconfig.json'].sort(),
  );
  const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as Record<string, unknown>;
  expect(pkg).toMatchObject({ name: 'my-set', type: 'module', dependencies: { tuneset: expect.stringMatching(/^file:(\.\.\/)+/) } });
  const pipeline = readFileSync(join(project, 'pipelines', 'my-set.ts'), 'utf8');
  expect(pipeline).toContain("from 'tuneset';");
  expect(pipeline).toContain("pipeline('my-set', {");
  expect(pipeline).not.toMatch(/__(NAME|DIR|PIPELINE)__|\.\.\/src\//);
  // A header and 16 rows, one of them over two lines.
  expect(rows(readFileSync(join(project, 'data', 'sample.csv'), 'utf8'))).toBe(18);
  // The next commands, with the path as given, in the README and on stdout.
  const next = `npx tuneset run ${project}/pipelines/my-set.ts `;
  expect(readFileSync(join(project, 'README.md'), 'utf8')).toContain(next);
  expect(r.stdout).toContain(`Next, from this directory:\n  ${next}`);
}, 60_000);

test.each([
  ['csv', 16],
  ['jsonl', 16],
  ['ar-lsat', 21],
])('%s: the scaffolded pipeline runs on its sample to the hand-off preview, dropping nothing', async (template, examples) => {
  const ws = workspace();
  const r1 = await run('init', join(ws, 'ds'), '--template', template);
  expect(r1.code).toBe(0);
  const out = join(ws, 'out');
  const r = await run('run', join(ws, 'ds', 'pipelines', 'ds.ts'), '--out', out);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(PREVIEW);
  expect(r.stdout).toContain('No record was dropped.');
  const written = rows(readFileSync(join(out, 'train.jsonl'), 'utf8')) + rows(readFileSync(join(out, 'validation.jsonl'), 'utf8'));
  expect(written).toBe(examples);
}, 120_000);

test('csv: a row with its own system prompt keeps it; the others get SYSTEM_PROMPT', async () => {
  const ws = workspace();
  await run('init', join(ws, 'ds'));
  const out = join(ws, 'out');
  expect((await run('run', join(ws, 'ds', 'pipelines', 'ds.ts'), '--out', out)).code).toBe(0);
  const systems = ['train.jsonl', 'validation.jsonl']
    .flatMap((f) => readFileSync(join(out, f), 'utf8').trim().split('\n'))
    .map((l) => (JSON.parse(l) as { messages: { role: string; content: string }[] }).messages[0]!.content);
  expect(systems.filter((s) => s.startsWith('You are the billing assistant'))).toHaveLength(2);
  expect(systems.filter((s) => s.startsWith('You are the support assistant'))).toHaveLength(14);
}, 120_000);

test('site: the scaffolded pipeline crawls the fixture site to the hand-off preview', async () => {
  const ws = workspace();
  expect((await run('init', join(ws, 'docs'), '--template', 'site')).code).toBe(0);
  const out = join(ws, 'out');
  const r = await run('run', join(ws, 'docs', 'pipelines', 'docs.ts'), '--input', site.url('/'), '--out', out, '--cache', join(ws, 'cache'), '--param', 'rps=1000', '--param', 'render=static');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(PREVIEW);
  expect(rows(readFileSync(join(out, 'train.jsonl'), 'utf8')) + rows(readFileSync(join(out, 'validation.jsonl'), 'utf8'))).toBe(53);
}, 120_000);

test('refuses a directory that is not empty, an unknown template and a name without letters, with exit 2', async () => {
  const ws = workspace();
  const full = join(ws, 'full');
  mkdirSync(full);
  writeFileSync(join(full, 'notes.txt'), 'mine\n');
  expect(await run('init', full)).toEqual({ code: 2, stdout: '', stderr: `error: tuneset init: ${full} is not empty; init writes only into a new or empty directory\n` });
  expect(readdirSync(full)).toEqual(['notes.txt']);
  expect(await run('init', join(ws, 'x'), '--template', 'xml')).toEqual({ code: 2, stdout: '', stderr: 'error: tuneset init: unknown template "xml"; choose one of csv, jsonl, ar-lsat, site\n' });
  expect((await run('init', join(ws, '--'))).code).toBe(2);
  expect(await run('init')).toMatchObject({ code: 2, stderr: "error: tuneset init takes exactly one directory, got 0. See 'tuneset init --help'.\n" });
});

test('a directory name becomes a kebab-case pipeline name', async () => {
  const ws = workspace();
  expect((await run('init', join(ws, 'My Data_Set'))).code).toBe(0);
  expect(readdirSync(join(ws, 'My Data_Set', 'pipelines'))).toEqual(['my-data-set.ts']);
});

test('help lists the templates; the main help lists init', async () => {
  expect((await run('init', '--help')).stdout).toMatch(/^Usage: tuneset init <dir> \[--template csv\|jsonl\|ar-lsat\|site\]/);
  expect((await run('--help')).stdout).toMatch(/\n {2}init <dir> {15}start a dataset project from a template/);
});
