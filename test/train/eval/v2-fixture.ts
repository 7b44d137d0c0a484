import type { EvaluationRecord, Prediction, Suite, SuiteScore } from '../../../src/train/eval/eval-types.js';

// An eval.json of version 2 and its predictions, written for the tests of what reads them (the
// runs list, the run report, the side-by-side page): a fine-tuned model against its base on the
// run's validation split (rouge and the judge) and a retention suite (letter).

export const FT = 'ft:gpt-4o-mini-2024-07-18:org::abc';
export const BASE = 'gpt-4o-mini-2024-07-18';
/** A reply that would end the data script and run code if it were ever parsed as markup. */
export const HOSTILE = `</script><script>document.title='pwned'</script><img src=x onerror="document.title='pwned'"> & <!-- done`;

const score = (suite: string, scorer: string, model: string, value: number, unit: SuiteScore['unit'], n: number, low: number, high: number): SuiteScore => ({
  suite,
  scorer,
  model,
  score: value,
  interval95: { low, high },
  method: unit === 'proportion' ? 'wilson' : 'bootstrap',
  unit,
  n,
  unscored: 0,
  ...(unit === 'proportion' ? { correct: Math.round(value * n) } : {}),
});

export const v2Record = (over: Partial<EvaluationRecord> = {}): EvaluationRecord => ({
  version: 2,
  evaluatedAt: '2026-11-24T09:00:00.000Z',
  runId: '20261123T110000Z-d33de7fd',
  datasetHash: 'a'.repeat(64),
  split: 'validation',
  models: [
    { model: FT, requestedAs: FT, role: 'model' },
    { model: BASE, requestedAs: BASE, role: 'baseline' },
  ],
  suites: [
    { name: 'validation', source: 'split', path: 'validation.jsonl', sha256: 'b'.repeat(64), format: 'chat', examples: 3, scorers: ['rouge', 'judge'], answerTokens: 1024 },
    { name: 'general-knowledge', source: 'file', path: '/data/general-knowledge.jsonl', sha256: 'c'.repeat(64), format: 'openai-evals', examples: 2, scorers: ['letter'], answerTokens: 16 },
  ],
  scorers: [
    { name: 'rouge', version: 'rouge-score:0.1.2|stem:no' },
    { name: 'judge', version: 'judge:gpt-4o|rubric:1234abcd|scale:1-5' },
    { name: 'letter', version: 'letter:1' },
  ],
  judge: { model: 'gpt-4o-2024-08-06', rubric: 'Grade <correctness> from 1 to 5.', scale: [1, 5] },
  scores: [
    score('validation', 'rouge', FT, 0.4123, 'f1', 3, 0.3, 0.52),
    score('validation', 'rouge', BASE, 0.2, 'f1', 3, 0.1, 0.31),
    score('validation', 'judge', FT, 4, 'grade', 3, 3, 5),
    score('validation', 'judge', BASE, 3, 'grade', 3, 2, 4),
    score('general-knowledge', 'letter', FT, 0.5, 'proportion', 2, 0.0945, 0.9055),
    score('general-knowledge', 'letter', BASE, 1, 'proportion', 2, 0.3424, 1),
  ],
  comparisons: [
    { suite: 'validation', scorer: 'rouge', model: FT, baseline: BASE, difference: 0.2123, interval95: { low: 0.05, high: 0.35 }, pValue: 0.01, significant: true, n: 3 },
    { suite: 'validation', scorer: 'judge', model: FT, baseline: BASE, difference: 1, interval95: { low: -1, high: 3 }, pValue: 0.4, significant: false, n: 3 },
    { suite: 'general-knowledge', scorer: 'letter', model: FT, baseline: BASE, difference: -0.5, interval95: { low: -1, high: 0 }, pValue: 0.5, significant: false, n: 2 },
  ],
  spend: [],
  scorerSpend: [],
  dir: 'evals/20261124T090000Z-ft-vs-base',
  predictions: 'evals/20261124T090000Z-ft-vs-base/predictions.jsonl',
  ...over,
});

const prediction = (suite: string, model: string, id: string, line: number, expected: string, reply: string | null, scores: Prediction['scores'], more: Partial<Prediction> = {}): Prediction => ({
  suite,
  model,
  id,
  line,
  expected,
  reply,
  scores,
  promptTokens: 10,
  completionTokens: 5,
  cached: false,
  costUsd: 0.0001,
  ...more,
});

/**
 * The answers behind v2Record. Where the models disagree: v1 (different replies), v3 (same reply
 * up to spaces but the judge graded them apart), gk-2 (one has no reply). Where they agree: v2
 * (same reply after trimming, same scores) and gk-1.
 */
export const v2Predictions = (): Prediction[] => [
  prediction('validation', FT, 'v1', 1, 'Retries back off exponentially.', HOSTILE, { rouge: 0.5, judge: 4 }, {
    details: { rouge: { rouge1: 0.6, rouge2: 0.25, rougeL: 0.5 }, judge: { reason: 'Mentions <b>backoff</b> but not the cap.' } },
  }),
  prediction('validation', BASE, 'v1', 1, 'Retries back off exponentially.', 'It retries.', { rouge: 0.2, judge: 2 }, { details: { judge: { reason: 'Too vague.' } } }),
  prediction('validation', FT, 'v2', 2, 'Messages are kept 7 days.', 'Seven days.', { rouge: 0.3, judge: 4 }),
  prediction('validation', BASE, 'v2', 2, 'Messages are kept 7 days.', '  Seven days.\n', { rouge: 0.3, judge: 4 }),
  prediction('validation', FT, 'v3', 3, 'Yes.', 'Yes', { rouge: 0.4, judge: 4 }),
  prediction('validation', BASE, 'v3', 3, 'Yes.', 'Yes', { rouge: 0.4, judge: 3 }),
  prediction('general-knowledge', FT, 'gk-1', 1, 'B', 'The answer is B', { letter: 1 }, { predicted: { letter: 'B' } }),
  prediction('general-knowledge', BASE, 'gk-1', 1, 'B', 'The answer is B', { letter: 1 }, { predicted: { letter: 'B' } }),
  prediction('general-knowledge', FT, 'gk-2', 2, 'C', null, { letter: null }, { error: '500 Internal Server Error from https://api.example/v1/chat', references: ['C', 'c'] }),
  prediction('general-knowledge', BASE, 'gk-2', 2, 'C', 'C', { letter: 1 }, { predicted: { letter: 'C' }, references: ['C', 'c'] }),
];

/** The prompts of v2Predictions' examples, as the suites hold them. */
export const v2Suites = (): Pick<Suite, 'name' | 'examples'>[] => [
  {
    name: 'validation',
    examples: [
      { id: 'v1', line: 1, prompt: [{ role: 'system', content: 'You answer questions about Pelican Queue.' }, { role: 'user', content: `How do retries work? ${'Long context. '.repeat(200)}` }], references: ['Retries back off exponentially.'] },
      { id: 'v2', line: 2, prompt: [{ role: 'user', content: 'How long are messages kept?' }], references: ['Messages are kept 7 days.'] },
      { id: 'v3', line: 3, prompt: [{ role: 'user', content: [{ type: 'text', text: 'Is it durable?' }] }], references: ['Yes.'] },
    ],
  },
  {
    name: 'general-knowledge',
    examples: [
      { id: 'gk-1', line: 1, prompt: [{ role: 'user', content: 'Which is a mammal? A) shark B) whale' }], references: ['B'] },
      { id: 'gk-2', line: 2, prompt: [{ role: 'user', content: 'Pick C.' }], references: ['C', 'c'] },
    ],
  },
];
