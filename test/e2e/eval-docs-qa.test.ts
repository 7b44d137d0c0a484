import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { sha256 } from '../../src/pipeline/hash.js';
import { answerKeyFromChatJsonl, startFakeOpenAI, type FakeOpenAI } from '../../src/providers/fake/index.js';
import type { EvaluationRecord, Prediction } from '../../src/train/eval/eval-types.js';
import { requireChromium, withBrowserPage } from '../helpers/browser-page.js';
import { captureIo } from '../helpers/capture-io.js';
import { GENERAL_SUITE_SIZE, generalSuiteJsonl } from '../helpers/general-suite.js';
import { allText, SECRET_KEY } from '../helpers/hand-off.js';
import { writeOspreySite } from '../helpers/osprey-site.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';

// Issue 14's acceptance, against the fake server: a docs-qa run of a small site is trained, then
// evaluated for the fine-tuned model and its base with ROUGE and the judge on the held-out split
// plus a general-knowledge suite scored by letter. One table holds every suite for both models,
// predictions.jsonl every answer, and the side-by-side page opens in chromium with no console error;
// eval.json is bound to the run. A second identical eval asks the fake nothing and prints the same
// table. The fake knows the held-out answers only because the test hands it validation.jsonl as
// its answer key: this proves the plumbing, not a model.
const chromium = requireChromium();

const NOW = '2026-11-24T13:00:00Z';
const BASE = 'gpt-4o-mini-2024-07-18';
// docs-qa's split is stable by a hash of each page URL, port included: on this port the Osprey site
// gives 16 training and 7 validation examples.
const PORT = 47862;
const VALIDATION = 7;

const tuneset = async (now: string, env: NodeJS.ProcessEnv, ...argv: string[]) => {
  const c = captureIo(now);
  const code = await main(argv, { ...c.io, env });
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};

/** The scores table: its header line and the rows after it that start with a suite's name. */
const tableOf = (stdout: string, suites: readonly string[]): string => {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => /^suite\s+scorer\s+model\s+score\b/.test(l));
  if (start < 0) throw new Error(`no scores table in:\n${stdout}`);
  const end = lines.findIndex((l, i) => i > start && !suites.some((s) => l.startsWith(`${s} `)));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
};

const lines = (path: string) => readFileSync(path, 'utf8').trim().split('\n');

describe('tuneset eval on a docs-qa run: rouge and judge on the split, a retention suite, fine-tuned against base', () => {
  let site: SiteServer;
  let fake: FakeOpenAI | undefined;
  let parent: string;
  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), 'tuneset-eval-docs-qa-'));
    site = await startSiteServer({ root: writeOspreySite(join(parent, 'site')), port: PORT });
  });
  afterAll(async () => {
    await site.close();
    await fake?.close();
  });

  test('one table for both suites and models, a predictions line per suite, model and example, a page without console errors; a re-run asks nothing', async () => {
    const dir = join(parent, 'run');
    const run = await tuneset(NOW, {}, 'run', 'pipelines/docs-qa.ts', '--input', site.url('/'), '--out', dir, '--param', 'rps=1000', '--param', 'render=static');
    expect(run.code, run.stderr).toBe(0);
    const validation = readFileSync(join(dir, 'validation.jsonl'), 'utf8');
    expect(lines(join(dir, 'validation.jsonl'))).toHaveLength(VALIDATION);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { runId: string; dataset: { hash: string } };

    fake = await startFakeOpenAI({ now: NOW, answerKey: answerKeyFromChatJsonl(validation) });
    const env = { OPENAI_API_KEY: SECRET_KEY, OPENAI_BASE_URL: fake.baseURL };
    expect((await tuneset(NOW, env, 'train', dir)).code).toBe(0);
    fake.clock.advance(600);
    const watch = await tuneset(NOW, env, 'watch', dir, '--interval', '0');
    expect(watch).toMatchObject({ code: 0, stderr: '' });
    const ft = /^Fine-tuned model: (\S+)$/m.exec(watch.stdout)![1]!;

    const suite = join(parent, 'general-knowledge.jsonl');
    writeFileSync(suite, generalSuiteJsonl());
    const evalArgs = ['eval', dir, '--model', ft, '--baseline', BASE, '--scorer', 'rouge', '--scorer', 'judge', '--suite', suite, '--html'];
    const before = fake.requests.length;
    const first = await tuneset(NOW, env, ...evalArgs);
    expect(first.code, first.stderr).toBe(0);
    const chats = fake.requests.slice(before).filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions').length;
    // Each model answers every example of both suites; the judge grades each model's split answers
    // (at most: the same answer from both models is one request).
    expect(chats).toBeGreaterThanOrEqual(2 * (VALIDATION + GENERAL_SUITE_SIZE) + VALIDATION);
    expect(chats).toBeLessThanOrEqual(2 * (VALIDATION + GENERAL_SUITE_SIZE) + 2 * VALIDATION);

    // One table: every suite and scorer for both models, the fine-tuned one compared with the base.
    const SUITES = ['validation', 'general-knowledge'];
    const table = tableOf(first.stdout, SUITES);
    const rows = table.split('\n').slice(1);
    const cells = rows.map((l) => l.trim().split(/\s{2,}/).slice(0, 3));
    expect(cells).toEqual([
      ['validation', 'rouge', ft],
      ['validation', 'rouge', BASE],
      ['validation', 'judge', ft],
      ['validation', 'judge', BASE],
      ['general-knowledge', 'letter', ft],
      ['general-knowledge', 'letter', BASE],
    ]);
    expect(first.stdout.match(/^suite\s+scorer\s+model\s+score\b/gm)).toHaveLength(1);

    // eval.json: bound to this run's build, with every suite, scorer and model.
    const record = JSON.parse(readFileSync(join(dir, 'eval.json'), 'utf8')) as EvaluationRecord;
    expect(record).toMatchObject({ version: 2, runId: manifest.runId, datasetHash: manifest.dataset.hash, split: 'validation' });
    expect(record.models.map((m) => [m.model, m.role])).toEqual([
      [ft, 'model'],
      [BASE, 'baseline'],
    ]);
    expect(record.suites.map((s) => [s.name, s.source, s.format, s.examples, s.scorers, s.sha256])).toEqual([
      ['validation', 'split', 'chat', VALIDATION, ['rouge', 'judge'], sha256(validation)],
      ['general-knowledge', 'file', 'chat', GENERAL_SUITE_SIZE, ['letter'], sha256(readFileSync(suite, 'utf8'))],
    ]);
    expect(record.scorers.map((s) => s.name).sort()).toEqual(['judge', 'letter', 'rouge']);
    for (const s of record.scorers) expect(s.version).not.toBe('');
    expect(record.judge).toMatchObject({ model: expect.any(String), scale: [1, 5] });

    // The fine-tuned model's ROUGE is above its base's; the difference and its interval say so.
    const score = (suiteName: string, scorer: string, model: string) => record.scores.find((s) => s.suite === suiteName && s.scorer === scorer && s.model === model)!;
    expect(score('validation', 'rouge', ft).score).toBeGreaterThan(score('validation', 'rouge', BASE).score);
    expect(score('validation', 'rouge', BASE).score).toBeGreaterThan(0);
    // The fake grades a judge request by word overlap, so the judge agrees.
    expect(score('validation', 'judge', ft).score).toBeGreaterThan(score('validation', 'judge', BASE).score);
    const rouge = record.comparisons.find((c) => c.suite === 'validation' && c.scorer === 'rouge')!;
    expect(rouge).toMatchObject({ model: ft, baseline: BASE, n: VALIDATION });
    expect(rouge.difference).toBeCloseTo(score('validation', 'rouge', ft).score - score('validation', 'rouge', BASE).score, 10);
    expect(record.comparisons).toHaveLength(3);
    // Not keyed for the fake, the general questions get the same hashed letters from both models: no loss.
    const retention = record.comparisons.find((c) => c.suite === 'general-knowledge')!;
    expect(retention).toMatchObject({ scorer: 'letter', difference: 0, significant: false, n: GENERAL_SUITE_SIZE });

    // predictions.jsonl: one line per suite, model and example.
    const predictions = lines(join(dir, record.predictions)).map((l) => JSON.parse(l) as Prediction);
    expect(predictions).toHaveLength(2 * (VALIDATION + GENERAL_SUITE_SIZE));
    expect(new Set(predictions.map((p) => `${p.suite}\n${p.model}\n${p.id}`)).size).toBe(predictions.length);
    for (const model of [ft, BASE]) {
      expect(predictions.filter((p) => p.model === model && p.suite === 'validation')).toHaveLength(VALIDATION);
      expect(predictions.filter((p) => p.model === model && p.suite === 'general-knowledge')).toHaveLength(GENERAL_SUITE_SIZE);
    }
    for (const p of predictions) expect(Object.keys(p.scores)).toEqual(p.suite === 'validation' ? ['rouge', 'judge'] : ['letter']);
    expect(predictions.every((p) => p.reply !== null && !p.cached)).toBe(true);
    // Free-text answers are asked for whole: the fake cuts a reply at max_completion_tokens (about 4
    // characters a token), so a cap sized for a letter would show here as words cut short.
    const ftSplit = predictions.filter((p) => p.model === ft && p.suite === 'validation');
    for (const p of ftSplit) {
      const words = new Set(p.expected.split(/\s+/));
      expect(p.reply!.split(/\s+/).filter((w) => !words.has(w)), p.reply!).toEqual([]);
    }
    expect(ftSplit.filter((p) => p.reply === p.expected).length).toBeGreaterThan(0);

    // The side-by-side page opens with no console error and fetches nothing.
    expect(record.html).toBeDefined();
    const page = join(dir, record.html!);
    expect(existsSync(page)).toBe(true);
    if (chromium.available) {
      await withBrowserPage({ width: 1200, height: 900 }, async ({ page: tab, errors, requests, open }) => {
        const url = await open(page);
        expect(errors).toEqual([]);
        expect(requests).toEqual([url]);
        const text = (await tab.locator('body').textContent()) ?? '';
        for (const shown of [ft, BASE, 'general-knowledge', 'validation']) expect(text).toContain(shown);
      });
    }

    // The same eval again: every answer and grade from the caches, not one request, the same table.
    const requestsBefore = fake.requests.length;
    const second = await tuneset(NOW, env, ...evalArgs);
    expect(second.code, second.stderr).toBe(0);
    expect(fake.requests.slice(requestsBefore)).toEqual([]);
    expect(tableOf(second.stdout, SUITES)).toBe(table);
    const again = JSON.parse(readFileSync(join(dir, 'eval.json'), 'utf8')) as EvaluationRecord;
    expect(again.scores).toEqual(record.scores);
    expect(again.comparisons).toEqual(record.comparisons);
    expect(again.spend.map((s) => s.requests)).toEqual([0, 0]);
    expect(again.scorerSpend.map((s) => s.requests)).toEqual([0]);

    // The key reaches no output and no file: eval.json, predictions, compare.html, the caches.
    expect(first.stdout + first.stderr + second.stdout + second.stderr).not.toContain(SECRET_KEY);
    expect(allText(dir)).not.toContain(SECRET_KEY);
  }, 180_000);
});
