import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useFakeOpenAI } from '../helpers/fake-openai-env.js';
import rationale, { SYSTEM_PROMPT } from '../../pipelines/ar-lsat-rationale.js';
import { fixedClock } from '../../src/pipeline/clock.js';
import { stderrLogger } from '../../src/pipeline/logger.js';
import { runPipeline } from '../../src/pipeline/runner.js';

// The rationale pipeline on its fixture (fixtures/ar-lsat/sample.json: 50 questions after dedupe)
// against the fake server, whose base models answer a letter picked by a hash of the prompt
// (≈ chance): most rationales reach another letter than the gold one and are dropped.
const tmp = () => mkdtempSync(join(tmpdir(), 'tuneset-rationale-'));

const fake = useFakeOpenAI();

const chatRequests = () => fake().requests.filter((r) => r.route === '/v1/chat/completions').length;

const run = async (cacheDir: string, params: Record<string, string> = {}) => {
  const outDir = join(tmp(), 'run');
  const logged: string[] = [];
  const result = await runPipeline(rationale, { outDir, cacheDir, params, clock: fixedClock('2026-12-01T12:00:00Z'), log: stderrLogger('tuneset', (l) => logged.push(l)) });
  const lines = (name: string) =>
    readFileSync(join(outDir, name), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { ...result, outDir, log: logged.join(''), lines };
};

type Message = { role: string; content: string };
type Rejected = { stage: string; code: string; id: string; detail: unknown };

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

describe('ar-lsat-rationale against the fake server', () => {
  test('keeps the rationales that reach the gold letter as "rationale\\n\\nAnswer: X" and drops the others as rationale_disagrees; a re-run sends no request', async () => {
    const cache = tmp();
    const first = await run(cache);
    expectAccounted(first);
    const annotate = first.manifest.stages.find((s) => s.name === 'annotate')!;
    expect({ in: annotate.in, out: annotate.out, dropped: annotate.dropped, errored: annotate.errored }).toEqual({
      in: 50,
      out: 8,
      dropped: { rationale_disagrees: 42 },
      errored: 0,
    });
    expect(chatRequests()).toBe(50);
    expect(first.manifest.reports['annotate']).toMatchObject({ records: 50, requests: { distinct: 50, fromCache: 0, asked: 50, answersBought: 50 }, budgetStopped: false });

    // Every dropped rationale reached a letter other than the gold one, and says which.
    const disagreed = (first.lines('rejected.jsonl') as unknown as Rejected[]).filter((l) => l.code === 'rationale_disagrees');
    expect(disagreed).toHaveLength(42);
    for (const d of disagreed) {
      const { answer, gold } = d.detail as { answer: string; gold: string };
      expect(answer, d.id).not.toBe(gold);
    }

    // Every kept example: the training system prompt asks for reasoning then the letter; the
    // answer is the rationale, a blank line and the gold letter.
    const examples = [...first.lines('train.jsonl'), ...first.lines('validation.jsonl')].map((l) => l['messages'] as Message[]);
    const meta = first.lines('meta.jsonl');
    expect(examples).toHaveLength(8);
    expect(meta).toHaveLength(8);
    for (const [i, messages] of examples.entries()) {
      expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
      expect(messages[0]!.content).toBe(SYSTEM_PROMPT);
      const [rationaleText, last] = messages[2]!.content.split('\n\nAnswer: ');
      expect(rationaleText!.length).toBeGreaterThan(0);
      expect(last).toMatch(/^[A-E]$/);
      // Same order: split writes train then validation, meta.jsonl records them as written.
      expect((meta[i]!['meta'] as { answer: string }).answer).toBe(last);
    }
    expect(SYSTEM_PROMPT).toMatch(/step by step.*"Answer: X"/s);

    const second = await run(cache);
    expect(chatRequests()).toBe(50);
    expect(second.manifest.reports['annotate']).toMatchObject({ requests: { fromCache: 50, asked: 0, answersBought: 0 }, costUsd: 0 });
    for (const f of ['train.jsonl', 'validation.jsonl']) expect(readFileSync(join(second.outDir, f), 'utf8'), f).toBe(readFileSync(join(first.outDir, f), 'utf8'));
  });

  test('maxCost=0.001 stops before the limit: the rest dropped as over_budget, spent, estimate and limit logged, cost within it', async () => {
    const r = await run(tmp(), { maxCost: '0.001' });
    expectAccounted(r);
    const report = r.manifest.reports['annotate'] as { costUsd: number; budgetStopped: boolean; requests: { answersBought: number }; overBudget: number };
    expect(report.budgetStopped).toBe(true);
    expect(report.costUsd).toBeGreaterThan(0);
    expect(report.costUsd).toBeLessThanOrEqual(0.001);
    // Each request may cost up to ~$0.00037 (its input and 512 output tokens): two fit under $0.001, a third could not.
    expect(report.requests.answersBought).toBe(2);
    expect(chatRequests()).toBe(2);
    const annotate = r.manifest.stages.find((s) => s.name === 'annotate')!;
    expect(annotate.dropped['over_budget']).toBe(48);
    expect(report.overBudget).toBe(48);
    expect(annotate.in).toBe(annotate.out + (annotate.dropped['rationale_disagrees'] ?? 0) + 48);
    expect(r.log).toMatch(/error: \[tuneset:annotate\] stopped before maxCost: spent \$0\.000\d+ of maxCost \$0\.001 \(estimate for the whole stage \$0\.0181\); the records not annotated are dropped as over_budget/);
  });
});
