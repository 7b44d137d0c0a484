import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../src/providers/fake/index.js';
import type { RunDiff } from '../../src/runs/types.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { DOCS_QA, DOCS_SITE, runDirs, tunesetIn } from './run-process.js';

/**
 * Issue 12's first acceptance test, through the CLI as a user runs it: three runs of docs-qa
 * against a served documentation site (fixtures/docs-site), with changes planted between runs 1
 * and 2 (a section's text edited on two pages, a page deleted, a page added). `tuneset diff --json`
 * names exactly the examples that differ; run 3, with nothing changed and `--if-changed
 * --train-if-changed 0.01`, says "no change since <run 2>", leaves no run directory and sends no
 * request to the training provider, which run 2 (changed) did hand off to.
 */
// The split hashes page URLs, so the port is fixed: the same pages land in train every time.
const PORT = 47829;

let site: SiteServer;
let fake: FakeOpenAI;
beforeAll(async () => {
  site = await startSiteServer({ root: DOCS_SITE, port: PORT });
  fake = await startFakeOpenAI({ now: '2026-11-23T12:00:00Z' });
});
afterAll(async () => {
  await site.close();
  await fake.close();
});

const edit = (path: string, from: string, to: string) => {
  const html = site.page(path);
  expect(html).toContain(from);
  site.setPage(path, html.replace(from, to));
};

const UPGRADE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Upgrade · Heron docs</title></head>
<body><main>
  <h1>Upgrade</h1>
  <p>Heron keeps its configuration format stable within a major version, so most upgrades are a new binary and nothing else.</p>
  <h2>What changed in Heron 2?</h2>
  <p>Heron 2 renamed the <code>output</code> setting to <code>public_dir</code> and reads the old name with a warning until version 3, when it will be refused.</p>
</main></body></html>`;

test('three docs-qa runs: diff names exactly the changed examples; an unchanged re-run with --if-changed writes nothing and trains nothing', async () => {
  const work = mkdtempSync(join(tmpdir(), 'tuneset-if-changed-'));
  const env = { OPENAI_API_KEY: 'sk-test-if-changed', OPENAI_BASE_URL: fake.baseURL };
  const run = ['run', DOCS_QA, '--input', site.url('/'), '--param', 'render=static', '--param', 'rps=1000', '--cache', join(work, 'cache')];
  const id = (page: string, section: string) => `${site.origin}${page}#${section}`;

  // The first run has no trained run to compare with, so --train-if-changed hands it off.
  const first = await tunesetIn(work, [...run, '--train-if-changed', '0.01'], env);
  expect(first.code, first.stderr).toBe(0);
  const [run1] = runDirs(work, 'docs-qa');
  expect(first.stdout).toContain('training: no earlier run was handed to training');
  const handOff = ['/v1/files', '/v1/files', '/v1/fine_tuning/jobs'];
  expect(fake.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(handOff);

  edit('guide/config.html', 'for example <code>HERON_BASE_URL</code> in a CI job.', 'for example <code>HERON_BASE_URL</code> in a CI job; the variable wins over the file.');
  edit('guide/deploy.html', 'Use it for preview deployments only', 'Use it for preview deployments and local checks only');
  site.removePage('reference/plugins.html');
  site.setPage('guide/upgrade.html', UPGRADE);
  edit('sitemap.xml', '<url><loc>{{origin}}/reference/plugins.html</loc></url>'.replace('{{origin}}', site.origin), `<url><loc>${site.origin}/guide/upgrade.html</loc></url>`);

  const second = await tunesetIn(work, [...run, '--if-changed', '--train-if-changed', '0.01'], env);
  expect(second.code, second.stderr).toBe(0);
  const dirs = runDirs(work, 'docs-qa');
  expect(dirs).toHaveLength(2);
  const run2 = dirs[1]!;
  // 6 of 17 ids differ from run 1, the last trained run: at least 1%, so run 2 went to training too.
  expect(second.stdout).toContain(`training: 6 of 17 examples differ from the last trained run ${run1} (35.3%), at least --train-if-changed 0.01`);
  expect(fake.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([...handOff, ...handOff]);

  const diff = await tunesetIn(work, ['diff', '--json', join('output', 'docs-qa', run1!), join('output', 'docs-qa', run2)], env);
  expect(diff.code, diff.stderr).toBe(0);
  const json = JSON.parse(diff.stdout) as RunDiff;
  expect(json.examples).toEqual({ added: 2, removed: 2, changed: 2, unchanged: 11 });
  expect(json.ids).toEqual({
    added: [id('/guide/upgrade.html', 'upgrade'), id('/guide/upgrade.html', 'what-changed-in-heron-2')],
    removed: [id('/reference/plugins.html', 'plugins'), id('/reference/plugins.html', 'what-can-a-plugin-change')],
    changed: [id('/guide/config.html', 'can-settings-come-from-the-environment'), id('/guide/deploy.html', 'does-heron-support-preview-builds')],
  });
  expect(json.moved.count).toBe(0);

  const requestsBefore = fake.requests.length;
  site.resetLog();
  const third = await tunesetIn(work, [...run, '--if-changed', '--train-if-changed', '0.01'], env);
  expect(third.code, third.stderr).toBe(0);
  expect(third.stdout).toBe(`no change since ${run2}\n`);
  expect(runDirs(work, 'docs-qa')).toEqual(dirs);
  expect(fake.requests.length).toBe(requestsBefore);
  // It did run: the crawl asked the site again, conditionally, and was told nothing changed.
  const pages = site.log.filter((r) => r.path.endsWith('.html') || r.path === '/');
  expect(pages.length).toBeGreaterThan(0);
  expect(pages.filter((r) => r.status === 200)).toEqual([]);
  // What run 2 trained is still recorded in its directory, untouched.
  expect(JSON.parse(readFileSync(join(work, 'output', 'docs-qa', run2, 'train-state.json'), 'utf8'))).toHaveProperty('provider', 'openai');
}, 400_000);
