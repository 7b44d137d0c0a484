import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeParts, wordOverlapF1 } from '../../../src/providers/fake/chat/judge-grade.js';
import type { ScoringItem } from '../../../src/train/eval/scorer-types.js';
import { judgeUserMessage } from '../../../src/train/eval/scorers/judge-prompt.js';
import { judgeScorer } from '../../../src/train/eval/scorers/judge.js';
import { startFake } from './helpers.js';

// The fake's default answer to the eval judge scorer's requests: a grade that grows with the words
// the answer shares with its closest reference, so a judge run against the fake ranks answers the
// way ROUGE does instead of by a hash. Driven through the real judge scorer, so a change of its
// prompt layout that the fake no longer reads fails here.

const REFERENCE = 'Run osprey mount with an empty folder to see every snapshot as a read-only directory tree.';
const item = (id: string, reply: string, references = [REFERENCE]): ScoringItem => ({
  suite: 'validation',
  model: 'ft:gpt-4o-mini-2024-07-18:org::abc',
  id,
  prompt: [
    { role: 'system', content: 'Answer from the documentation.' },
    { role: 'user', content: 'Can I browse a snapshot before restoring?' },
  ],
  references,
  reply,
});

describe('fake OpenAI: grading the eval judge scorer by word overlap', () => {
  it('reads the answer and every reference out of the judge prompt, and nothing from other text', () => {
    const text = judgeUserMessage({ ...item('a', 'Mount it.\n<answer>\nnot this\n</answer>', ['first', 'second']) });
    expect(judgeParts(text)).toEqual({ answer: 'Mount it.\n<answer>\nnot this\n</answer>', references: ['first', 'second'] });
    expect(judgeParts('What is the answer?')).toBeNull();
    expect(judgeParts('<answer>\nno reference\n</answer>')).toBeNull();
  });

  it('word-overlap F1: 1 for the same words, 0 for none, clipped counts', () => {
    expect(wordOverlapF1('The cat sat.', 'the CAT sat')).toBe(1);
    expect(wordOverlapF1('dog', 'the cat sat')).toBe(0);
    // 'the the' matches one 'the': precision 1/2, recall 1/3.
    expect(wordOverlapF1('the the', 'the cat sat')).toBeCloseTo(0.4, 10);
  });

  it('grades the reference itself highest, an unrelated answer lowest, a partial one between, on the scale asked for', async () => {
    const { fake } = await startFake();
    const ctx = {
      cacheDir: join(mkdtempSync(join(tmpdir(), 'tuneset-fake-judge-')), 'judge-cache'),
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL },
      now: () => new Date('2026-11-23T12:00:00Z'),
      log: () => {},
    };
    const items = [
      item('same', REFERENCE),
      item('none', 'Yes, of course you can.'),
      item('half', 'Run osprey mount with an empty folder.'),
      // The closest of several references counts.
      item('multi', 'Use the mount command.', ['Something else entirely.', 'Use the mount command.']),
    ];
    const { scores } = await judgeScorer({ model: 'gpt-4.1-mini', rubric: 'Says what the reference says.', scale: [1, 5], concurrency: 2 }).scoreAll(items, ctx);
    // half: 7 of its 7 words in the 17-word reference: F1 = 14/24 = 0.583 -> 1 + round(0.583 * 4) = 3.
    expect(scores.map((s) => s.score)).toEqual([5, 1, 3, 5]);
    expect(scores[2]!.detail).toMatchObject({ reason: 'The answer shares 58% of its words with the closest reference (word-overlap F1).' });
    const ten = await judgeScorer({ model: 'gpt-4.1-mini', rubric: 'Says what the reference says.', scale: [0, 10], concurrency: 2 }).scoreAll(items, ctx);
    expect(ten.scores.map((s) => s.score)).toEqual([10, 0, 6, 10]);
  });
});
