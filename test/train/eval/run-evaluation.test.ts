import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import type { ChatModel } from '../../../src/chat/chat-model.js';
import { AnswerCache } from '../../../src/train/eval/answer-cache.js';
import type { EvalModel, Suite } from '../../../src/train/eval/eval-types.js';
import type { InferencePrices } from '../../../src/train/eval/inference-prices.js';
import { runEvaluation, type EvaluationPlan } from '../../../src/train/eval/run-evaluation.js';
import type { ScoringItem } from '../../../src/train/eval/scorer-types.js';
import { exactScorer } from '../../../src/train/eval/scorers/exact.js';
import { letterScorer } from '../../../src/train/eval/scorers/letter.js';

afterEach(() => vi.restoreAllMocks());

const UNPRICED: InferencePrices = { input: null, output: null, basis: 'not in the model table', asOf: null };
const FT: EvalModel = { model: 'ft:m:org::x', requestedAs: 'ft:m:org::x', role: 'model' };
const BASE: EvalModel = { model: 'm', requestedAs: 'm', role: 'baseline' };

const suite = (name: string, scorers: string[], questions: [string, ...string[]][]): Suite => ({
  name,
  source: name === 'validation' ? 'split' : 'file',
  path: `${name}.jsonl`,
  sha256: name.padEnd(64, '0'),
  format: 'chat',
  examples: questions.map(([question, ...references], i) => ({ id: `${name}-${i + 1}`, line: i + 1, prompt: [{ role: 'user', content: question }], references })),
  scorers,
});

/** Replies by model and question; a missing reply is a request that always fails. */
const chatOf = (replies: Record<string, Record<string, string>>): ChatModel & { calls: number; caps: Map<string, number | undefined> } => {
  const chat = {
    calls: 0,
    caps: new Map<string, number | undefined>(),
    complete: async (model: string, messages: readonly { content: unknown }[], options?: { maxTokens?: number }) => {
      chat.calls++;
      chat.caps.set(messages[0]!.content as string, options?.maxTokens);
      const reply = replies[model]?.[messages[0]!.content as string];
      if (reply === undefined) throw new Error(`400 no reply for ${model}`);
      return { content: reply, promptTokens: 10, completionTokens: 1 };
    },
  };
  return chat;
};

const tools = (chat: ChatModel) => ({
  chat,
  cache: new AnswerCache(join(mkdtempSync(join(tmpdir(), 'tuneset-run-eval-')), 'eval-cache.jsonl')),
  concurrency: 2,
  pricesFor: () => UNPRICED,
  scoring: { cacheDir: 'unused', env: {}, now: () => new Date('2026-11-23T12:00:00Z'), log: () => {} },
});

const plan = (suites: Suite[], models: EvalModel[]): EvaluationPlan => ({ runId: 'r1', datasetHash: 'h'.repeat(64), split: 'validation', suites, models, evaluatedAt: '2026-11-23T12:00:00.000Z' });

const validation = suite('validation', ['letter'], [['q1', 'A'], ['q2', 'B'], ['q3', 'C']]);
const general = suite('general', ['letter', 'exact'], [['g1', 'D'], ['g2', 'E', 'e']]);
const replies = {
  [FT.model]: { q1: 'A', q2: 'B', q3: 'A', g1: 'D', g2: 'e' },
  // g2 has no reply from the base: every pass fails.
  [BASE.model]: { q1: 'B', q2: 'B', q3: 'C', g1: 'd' },
};

test('each scorer scores every answered example of every suite it scores and every model in one call; an unanswered example is never scored', async () => {
  const letter = vi.spyOn(letterScorer, 'scoreAll');
  const exact = vi.spyOn(exactScorer, 'scoreAll');
  await runEvaluation(plan([validation, general], [FT, BASE]), tools(chatOf(replies)));
  expect(letter).toHaveBeenCalledTimes(1);
  expect(exact).toHaveBeenCalledTimes(1);
  const itemsOf = (spy: typeof letter) => (spy.mock.calls[0]![0] as ScoringItem[]).map((i) => [i.suite, i.model, i.id, i.reply, i.references]);
  expect(itemsOf(letter)).toEqual([
    ['validation', FT.model, 'validation-1', 'A', ['A']],
    ['validation', FT.model, 'validation-2', 'B', ['B']],
    ['validation', FT.model, 'validation-3', 'A', ['C']],
    ['validation', BASE.model, 'validation-1', 'B', ['A']],
    ['validation', BASE.model, 'validation-2', 'B', ['B']],
    ['validation', BASE.model, 'validation-3', 'C', ['C']],
    ['general', FT.model, 'general-1', 'D', ['D']],
    ['general', FT.model, 'general-2', 'e', ['E', 'e']],
    ['general', BASE.model, 'general-1', 'd', ['D']],
  ]);
  expect(itemsOf(exact)).toEqual([
    ['general', FT.model, 'general-1', 'D', ['D']],
    ['general', FT.model, 'general-2', 'e', ['E', 'e']],
    ['general', BASE.model, 'general-1', 'd', ['D']],
  ]);
});

test('predictions per suite, model and example with each scorer of the suite; scores per suite, scorer and model; each model against the baseline', async () => {
  const { record, predictions } = await runEvaluation(plan([validation, general], [FT, BASE]), tools(chatOf(replies)));
  expect(predictions.map((p) => [p.suite, p.model, p.id, p.reply, p.scores])).toEqual([
    ['validation', FT.model, 'validation-1', 'A', { letter: 1 }],
    ['validation', FT.model, 'validation-2', 'B', { letter: 1 }],
    ['validation', FT.model, 'validation-3', 'A', { letter: 0 }],
    ['validation', BASE.model, 'validation-1', 'B', { letter: 0 }],
    ['validation', BASE.model, 'validation-2', 'B', { letter: 1 }],
    ['validation', BASE.model, 'validation-3', 'C', { letter: 1 }],
    ['general', FT.model, 'general-1', 'D', { letter: 1, exact: 1 }],
    ['general', FT.model, 'general-2', 'e', { letter: 0, exact: 1 }],
    ['general', BASE.model, 'general-1', 'd', { letter: 0, exact: 1 }],
    ['general', BASE.model, 'general-2', null, { letter: null, exact: null }],
  ]);
  // Every field of a line: the first reference as expected, all of them when there are more, what each scorer read (no letter in 'e').
  expect(predictions[7]).toEqual({
    suite: 'general', model: FT.model, id: 'general-2', line: 2, expected: 'E', references: ['E', 'e'], reply: 'e',
    predicted: { letter: null, exact: 'e' }, scores: { letter: 0, exact: 1 }, promptTokens: 10, completionTokens: 1, cached: false, costUsd: null,
  });
  expect(predictions[9]).toEqual({
    suite: 'general', model: BASE.model, id: 'general-2', line: 2, expected: 'E', references: ['E', 'e'], reply: null,
    scores: { letter: null, exact: null }, promptTokens: 0, completionTokens: 0, cached: false, costUsd: null, error: '400 no reply for m',
  });
  expect(record.scores.map((s) => [s.suite, s.scorer, s.model, s.score, s.n, s.unscored])).toEqual([
    ['validation', 'letter', FT.model, 2 / 3, 3, 0],
    ['validation', 'letter', BASE.model, 2 / 3, 3, 0],
    ['general', 'letter', FT.model, 0.5, 2, 0],
    ['general', 'letter', BASE.model, 0, 1, 1],
    ['general', 'exact', FT.model, 1, 2, 0],
    ['general', 'exact', BASE.model, 1, 1, 1],
  ]);
  // Paired over the examples both answered: general-2 has no base answer.
  expect(record.comparisons.map((c) => [c.suite, c.scorer, c.model, c.baseline, c.difference, c.n])).toEqual([
    ['validation', 'letter', FT.model, BASE.model, 0, 3],
    ['general', 'letter', FT.model, BASE.model, 1, 1],
    ['general', 'exact', FT.model, BASE.model, 0, 1],
  ]);
  expect(record.spend.map((s) => [s.model, s.requests, s.answers, s.errors])).toEqual([[FT.model, 5, 5, 0], [BASE.model, 7, 4, 1]]);
  expect([record.version, record.runId, record.datasetHash, record.split, record.models]).toEqual([2, 'r1', 'h'.repeat(64), 'validation', [FT, BASE]]);
  expect(record.suites.map((s) => [s.name, s.examples, s.scorers])).toEqual([['validation', 3, ['letter']], ['general', 2, ['letter', 'exact']]]);
  expect(record.scorers.map((s) => s.name)).toEqual(['letter', 'exact']);
  expect([record.judge, record.scorerSpend]).toEqual([undefined, []]);
});

test('without a baseline nothing is compared; checkpoints are compared with the baseline like any model', async () => {
  const alone = await runEvaluation(plan([validation], [FT]), tools(chatOf(replies)));
  expect(alone.record.comparisons).toEqual([]);
  const checkpoint: EvalModel = { model: 'ft:m:org::x:ckpt-step-10', requestedAs: 'ft:m:org::x:ckpt-step-10', role: 'checkpoint', step: 10 };
  const chat = chatOf({ ...replies, [checkpoint.model]: { q1: 'A', q2: 'A', q3: 'A' } });
  const { record } = await runEvaluation(plan([validation], [FT, checkpoint, BASE]), tools(chat));
  expect(record.comparisons.map((c) => [c.model, c.baseline, c.difference])).toEqual([[FT.model, BASE.model, 0], [checkpoint.model, BASE.model, -1 / 3]]);
});

test("a scorer's version is taken at the most references any of its suites has (BLEU's nrefs)", async () => {
  const one = suite('validation', ['bleu'], [['q1', 'the cat sat'], ['q2', 'a dog ran']]);
  const three = suite('multi', ['bleu'], [['m1', 'the cat sat', 'a cat sat', 'the cat was sitting']]);
  const chat = chatOf({ [FT.model]: { q1: 'the cat sat', q2: 'a dog ran', m1: 'the cat sat' } });
  const { record } = await runEvaluation(plan([one, three], [FT]), tools(chat));
  expect(record.scorers).toEqual([{ name: 'bleu', version: expect.stringMatching(/^nrefs:3\|/) }]);
  expect((await runEvaluation(plan([one], [FT]), tools(chat))).record.scorers[0]!.version).toMatch(/^nrefs:1\|/);
});

test('a model past its error budget stops the evaluation, naming the model; two suites or two models of one name are refused', async () => {
  const chat = chatOf({ [FT.model]: {} });
  await expect(runEvaluation(plan([validation, general], [FT]), tools(chat))).rejects.toThrow(
    `evaluating ${FT.model}: 2 of 5 examples failed against ${FT.model} (more than the 1 allowed), so the evaluation stopped; the first error: 400 no reply for ${FT.model}`,
  );
  const again = { ...general, name: 'validation', path: 'elsewhere/validation.jsonl' };
  await expect(runEvaluation(plan([validation, again], [FT]), tools(chatOf(replies)))).rejects.toThrow('two suites are called "validation" (validation.jsonl, elsewhere/validation.jsonl); rename one of the files');
  await expect(runEvaluation(plan([validation], [FT, { ...FT, role: 'baseline' }]), tools(chatOf(replies)))).rejects.toThrow(`${FT.model} is named twice among the models to evaluate`);
});

test('a suite scored only by letters is answered in 16 tokens; a suite with any other scorer gets room for the whole answer', async () => {
  const chat = chatOf(replies);
  await runEvaluation(plan([validation, general], [FT, BASE]), tools(chat));
  expect(Object.fromEntries(chat.caps)).toEqual({ q1: 16, q2: 16, q3: 16, g1: 1024, g2: 1024 });
});

test('a judge that cannot be built stops the evaluation before any answer is bought', async () => {
  const chat = chatOf(replies);
  const judged = { ...general, scorers: ['judge'] };
  await expect(runEvaluation({ ...plan([judged], [FT]), judge: { model: 'gpt-4o', rubric: ' ', scale: [1, 5], concurrency: 1 } }, tools(chat))).rejects.toThrow(
    'the judge needs a rubric: --rubric TEXT or --rubric-file FILE',
  );
  expect(chat.calls).toBe(0);
});
