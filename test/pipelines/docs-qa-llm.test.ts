import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useFakeOpenAI } from '../helpers/fake-openai-env.js';
import docsQa, { SYSTEM_PROMPT } from '../../pipelines/docs-qa.js';
import { fixedClock } from '../../src/pipeline/clock.js';
import { stderrLogger } from '../../src/pipeline/logger.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';

// docs-qa with --param generate=llm: the fake server writes a question and answer per section of
// fixtures/site/ and judges them (its scores are spread over 1..5 by a hash of the prompt).
const tmp = () => mkdtempSync(join(tmpdir(), 'tuneset-docs-qa-llm-'));

// docs-qa's split is stable (each page placed by a hash of its URL, port included), and with 12 pages
// some ports put none in validation, which writes no validation.jsonl: a fixed port whose split has one.
let site: SiteServer;
beforeAll(async () => void (site = await startSiteServer({ port: 47846 })));
afterAll(() => site.close());

const fake = useFakeOpenAI();

const chatRequests = () => fake().requests.filter((r) => r.route === '/v1/chat/completions').length;

const run = async (cacheDir: string, params: Record<string, string> = {}) => {
  const outDir = join(tmp(), 'run');
  const logged: string[] = [];
  const result = await runPipeline(docsQa, {
    inputs: [site.url('/')],
    outDir,
    cacheDir,
    clock: fixedClock('2026-12-01T12:00:00Z'),
    // One page at a time keeps the crawl in one order; static rendering needs no browser.
    params: { rps: '1000', render: 'static', concurrency: '1', generate: 'llm', ...params },
    log: stderrLogger('tuneset', (l) => logged.push(l)),
  });
  const lines = (name: string) => {
    try {
      return readFileSync(join(outDir, name), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    } catch {
      return [];
    }
  };
  return { ...result, outDir, log: logged.join(''), lines };
};

type Rejected = { stage: string; code: string; id: string; detail: unknown; data: Record<string, unknown> };
type Message = { role: string; content: string };

const stage = (r: Awaited<ReturnType<typeof run>>, name: string) => r.manifest.stages.find((s) => s.name === name)!;

/** Every stage's ledger balances and rejected.jsonl holds exactly the drops the manifest counts, by stage and code. */
const expectAccounted = (r: Awaited<ReturnType<typeof run>>) => {
  const byCode: Record<string, number> = {};
  for (const line of r.lines('rejected.jsonl') as unknown as Rejected[]) byCode[`${line.stage}/${line.code}`] = (byCode[`${line.stage}/${line.code}`] ?? 0) + 1;
  const counted: Record<string, number> = {};
  for (const s of r.manifest.stages) {
    const dropped = Object.values(s.dropped).reduce((a, b) => a + b, 0);
    expect(s.in + s.expanded, s.name).toBe(s.out + dropped + s.errored);
    for (const [code, n] of Object.entries(s.dropped)) counted[`${s.name}/${code}`] = n;
  }
  expect(byCode).toEqual(counted);
};

describe('docs-qa generate=llm against the fake server', () => {
  test('one generated pair per section, the judge drops those scored under 4 as judged_low; a re-run sends no request', async () => {
    const cache = tmp();
    const first = await run(cache);
    expectAccounted(first);
    const annotate = stage(first, 'annotate');
    const judge = stage(first, 'judge');
    const sections = annotate.in;
    expect(sections).toBeGreaterThan(10);
    // Every section got a pair; the judge saw every pair.
    expect({ out: annotate.out, dropped: annotate.dropped, errored: annotate.errored }).toEqual({ out: sections, dropped: {}, errored: 0 });
    expect(judge.in).toBe(sections);
    expect(judge.errored).toBe(0);
    expect(Object.keys(judge.dropped)).toEqual(['judged_low']);
    expect(judge.out).toBeGreaterThan(0);
    expect(judge.out + judge.dropped['judged_low']!).toBe(sections);
    // A request to write each pair, then one to judge each.
    expect(chatRequests()).toBe(2 * sections);

    // What was dropped says why: a score under 4 and the judge's reason; the pair is kept in the entry.
    for (const d of (first.lines('rejected.jsonl') as unknown as Rejected[]).filter((l) => l.stage === 'judge')) {
      expect(d.code).toBe('judged_low');
      expect(d.detail).toMatch(/^score [123] < 4: /);
      expect(d.data['generated']).toMatchObject({ question: expect.any(String), answer: expect.any(String) });
    }
    // What was kept: the generated question and answer under the production system prompt, the judge's score in meta.
    const examples = [...first.lines('train.jsonl'), ...first.lines('validation.jsonl')].map((l) => l['messages'] as Message[]);
    expect(examples).toHaveLength(judge.out);
    const meta = first.lines('meta.jsonl');
    for (const [i, messages] of examples.entries()) {
      expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
      expect(messages[0]!.content).toBe(SYSTEM_PROMPT);
      // Not the template's question.
      expect(messages[1]!.content).not.toMatch(/what does the documentation say about/);
      expect((meta[i]!['meta'] as { judge: { score: number } }).judge.score).toBeGreaterThanOrEqual(4);
    }

    const second = await run(cache);
    expect(chatRequests()).toBe(2 * sections);
    expect(second.manifest.reports['annotate']).toMatchObject({ requests: { fromCache: sections, asked: 0 }, costUsd: 0 });
    expect(second.manifest.reports['judge']).toMatchObject({ requests: { fromCache: sections, asked: 0 }, costUsd: 0 });
    for (const f of ['train.jsonl', 'validation.jsonl']) expect(readFileSync(join(second.outDir, f), 'utf8'), f).toBe(readFileSync(join(first.outDir, f), 'utf8'));
  }, 120_000);

  test('maxCost=0.001 stops before the limit: what did not fit is dropped as over_budget, the log says spent, estimate and limit', async () => {
    const r = await run(tmp(), { maxCost: '0.001' });
    expectAccounted(r);
    const annotate = r.manifest.reports['annotate'] as { costUsd: number; budgetStopped: boolean; maxCostUsd: number; requests: { answersBought: number } };
    const judge = r.manifest.reports['judge'] as { costUsd: number; maxCostUsd: number; requests: { answersBought: number } };
    // Half of maxCost for each LLM stage, so the run's spending stays under it.
    expect(annotate.maxCostUsd).toBe(0.0005);
    expect(judge.maxCostUsd).toBe(0.0005);
    expect(annotate.budgetStopped).toBe(true);
    expect(annotate.costUsd).toBeGreaterThan(0);
    expect(annotate.costUsd + judge.costUsd).toBeLessThanOrEqual(0.001);
    expect(chatRequests()).toBe(annotate.requests.answersBought + judge.requests.answersBought);
    const generated = stage(r, 'annotate');
    expect(generated.out).toBe(annotate.requests.answersBought);
    expect(generated.dropped).toEqual({ over_budget: generated.in - generated.out });
    expect(r.log).toMatch(/error: \[tuneset:annotate\] stopped before maxCost: spent \$0\.000\d+ of maxCost \$0\.0005 \(estimate for the whole stage \$0\.\d+\); the records not annotated are dropped as over_budget/);
  }, 120_000);
});
