import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { startCrawlSite } from '../../../bench/crawl-site.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const PAGES = 300;
const KILL_AT = 100;
const CONCURRENCY = 4;

/** The CLI in its own process, without blocking this one: the test's server must keep answering. */
const tuneset = (args: string[]) => {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'tuneset.js'), ...args], { cwd: ROOT, env: { ...process.env, TUNESET_NOW: '2026-11-23T12:00:00Z' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  return { child, exited, stderr: () => stderr };
};

test('a crawl killed with -9 resumes without fetching a finished page again', async () => {
  const fetches = new Map<string, number>();
  let kill: (() => void) | undefined;
  let pageRequests = 0;
  const site = await startCrawlSite(PAGES, {
    onRequest: (path) => {
      if (!path.startsWith('/p/') && path !== '/') return;
      fetches.set(path, (fetches.get(path) ?? 0) + 1);
      if (++pageRequests === KILL_AT) kill?.();
    },
  });
  try {
    const cache = mkdtempSync(join(tmpdir(), 'tuneset-resume-'));
    const args = (out: string) => ['run', 'pipelines/docs-qa.ts', '--input', `${site.origin}/`, '--cache', cache, '--out', out, '--param', 'rps=1000', '--param', 'render=static', '--param', `maxPages=${PAGES + 10}`];

    const first = tuneset(args(join(cache, 'run-1')));
    kill = () => first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const before = new Map(fetches);

    const second = tuneset(args(join(cache, 'run-2')));
    const { code } = await second.exited;
    expect(code, second.stderr()).toBe(0);

    // Every page was fetched; only those in flight at the kill (at most the concurrency) twice.
    expect(fetches.size).toBe(PAGES + 1);
    const twice = [...fetches].filter(([, n]) => n > 1).map(([p]) => p);
    expect(twice.length).toBeLessThanOrEqual(CONCURRENCY);
    for (const path of twice) expect(before.get(path)).toBe(1);

    const manifest = JSON.parse(readFileSync(join(cache, 'run-2', 'manifest.json'), 'utf8')) as { reports: Record<string, { pages: number; resumed: number }> };
    expect(manifest.reports['scrape']!.pages).toBe(PAGES + 1);
    expect(manifest.reports['scrape']!.resumed).toBeGreaterThanOrEqual(KILL_AT - CONCURRENCY - 1);
  } finally {
    await site.close();
  }
}, 60_000);

test('--limit stops the crawl early with a balanced ledger, and the next run resumes from the journal', async () => {
  const site = await startCrawlSite(PAGES);
  try {
    const { runPipeline } = await import('../../../src/pipeline/runner.js');
    const { default: docsQa } = await import('../../../pipelines/docs-qa.js');
    const root = mkdtempSync(join(tmpdir(), 'tuneset-limit-'));
    const options = { inputs: [`${site.origin}/`], cacheDir: join(root, 'cache'), params: { rps: '1000', render: 'static' } };
    const limited = await runPipeline(docsQa, { ...options, outDir: join(root, 'limited'), limit: 5 });
    expect(limited.manifest.stages[0]).toMatchObject({ name: 'scrape', out: 5 });
    const full = await runPipeline(docsQa, { ...options, outDir: join(root, 'full') });
    expect(full.manifest.reports['scrape']).toMatchObject({ pages: PAGES + 1 });
    expect((full.manifest.reports['scrape'] as { resumed: number }).resumed).toBeGreaterThanOrEqual(5);
  } finally {
    await site.close();
  }
}, 60_000);
