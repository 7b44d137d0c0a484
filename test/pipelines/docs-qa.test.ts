import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import docsQa from '../../pipelines/docs-qa.js';
import { fixedClock } from '../../src/pipeline/clock.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { goldenMatcher } from '../helpers/golden.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';

// Golden files of the docs-qa pipeline crawling fixtures/site/. UPDATE_GOLDENS=1 writes them; review the diff.
// Page URLs are ids and groups, and the split hashes groups: the server listens on a fixed port so
// the split is the same every run. Its origin is written as http://site.test in the goldens.
const PORT = 47813;
const clock = fixedClock('2026-11-23T12:00:00Z');

let site: SiteServer;
beforeAll(async () => void (site = await startSiteServer({ port: PORT })));
afterAll(() => site.close());

const matchGolden = goldenMatcher('docs-qa');

test('crawling the fixture site builds the golden train and validation files', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tuneset-docs-qa-'));
  const dir = join(root, 'run');
  // Static rendering keeps the golden independent of whether chromium is installed; one page at a
  // time keeps rejected.jsonl in one order.
  const { manifest } = await runPipeline(docsQa, {
    inputs: [site.url('/')],
    outDir: dir,
    cacheDir: join(root, 'cache'),
    clock,
    params: { rps: '1000', render: 'static', concurrency: '1' },
  });
  const local = (text: string) => text.replaceAll(site.origin, 'http://site.test');
  for (const f of ['train.jsonl', 'validation.jsonl', 'meta.jsonl', 'rejected.jsonl']) matchGolden(f, local(readFileSync(join(dir, f), 'utf8')));
  const summary = { stages: manifest.stages.map(({ ms: _ms, ...s }) => s), reports: manifest.reports };
  matchGolden('summary.json', local(`${JSON.stringify(summary, null, 2)}\n`));

  // Every page in one split: sections of a page never straddle train and validation.
  const meta = readFileSync(join(dir, 'meta.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { group: string; split: string });
  const splitsOf = new Map<string, Set<string>>();
  for (const m of meta) splitsOf.set(m.group, (splitsOf.get(m.group) ?? new Set()).add(m.split));
  expect([...splitsOf.values()].every((s) => s.size === 1)).toBe(true);
  expect(new Set(meta.map((m) => m.split))).toEqual(new Set(['train', 'validation']));
}, 60_000);
