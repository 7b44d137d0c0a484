import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { wordOverlapF1 } from '../../../src/providers/fake/chat/judge-grade.js';
import { answerKeyFromChatJsonl } from '../../../src/providers/fake/index.js';
import { correctLetter, JOB_SECONDS, questionText, startFake, startJob, uploadJsonl } from './helpers.js';

const SYSTEM = 'Answer questions about Heron from its documentation.';
const question = (i: number) => `How do I configure plugin number ${i}?`;
const reference = (i: number) =>
  `Plugin ${i} reads its settings from heron.toml under a [plugins.p${i}] table. ` +
  `Set enabled to true and give it an output directory; restart the server so that the plugin loads its new settings.`;

const ask = async (client: OpenAI, model: string, content: string, body: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) =>
  (
    await client.chat.completions.create({
      model,
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content },
      ],
      ...body,
    })
  ).choices[0]!.message.content!;

/** Whether every word of `reply` appears in `text`, in the same order (what dropping words leaves). */
const isSubsequence = (reply: string, text: string) => {
  const all = text.split(/\s+/);
  let at = 0;
  for (const w of reply.split(/\s+/)) {
    while (at < all.length && all[at] !== w) at++;
    if (at === all.length) return false;
    at++;
  }
  return true;
};

const chatLine = (user: string, assistant: string) =>
  JSON.stringify({
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: user },
      { role: 'assistant', content: assistant },
    ],
  });

const fineTuned = async (client: OpenAI, fake: Awaited<ReturnType<typeof startFake>>['fake']) => {
  const job = await startJob(client);
  fake.clock.advance(JOB_SECONDS);
  const done = await client.fineTuning.jobs.retrieve(job.id);
  const [, checkpoint] = (await client.fineTuning.jobs.checkpoints.list(job.id)).data;
  return { ft: done.fine_tuned_model!, checkpoint: checkpoint!.fine_tuned_model_checkpoint };
};

describe('fake OpenAI: free-text answers from an explicit answer key', () => {
  it('answerKeyFromChatJsonl keys text answers too; a lettered prompt keeps only a letter answer', () => {
    const jsonl = [
      chatLine(question(1), `  ${reference(1)}\r\n`),
      chatLine(questionText(2), correctLetter(2)),
      // A lettered prompt whose answer is not a letter stays unkeyed, as before free-text keys.
      chatLine(questionText(3), 'The answer is B because seat 4 is free.'),
      chatLine(question(4), '   '),
    ].join('\n');
    expect([...answerKeyFromChatJsonl(jsonl)]).toEqual([
      [question(1), reference(1)],
      [questionText(2), correctLetter(2)],
    ]);
  });

  it('keeps a text value as written and upper-cases a one-letter value', async () => {
    const { fake } = await startFake({ answerKey: { [question(1)]: ' Use heron Build. ', [questionText(2)]: ' c ' } });
    expect([...fake.answerKey.values()]).toEqual(['Use heron Build.', 'C']);
  });

  it('a job-created model answers the reference at fineTunedAccuracy 1; a base model an extractive guess from its first sentence', async () => {
    const { client, fake } = await startFake({ fineTunedAccuracy: 1, answerKey: { [question(1)]: reference(1) } });
    const { ft, checkpoint } = await fineTuned(client, fake);
    expect(await ask(client, ft, question(1))).toBe(reference(1));
    expect(await ask(client, checkpoint, question(1))).toBe(reference(1));

    const base = await ask(client, 'gpt-4o-mini', question(1));
    expect(await ask(client, 'gpt-4o-mini', question(1))).toBe(base);
    const first = reference(1).split('. ')[0]!;
    expect(isSubsequence(base, `${first}.`)).toBe(true);
    expect(base.split(' ').length).toBeLessThan(first.split(' ').length);
    expect(wordOverlapF1(base, reference(1))).toBeGreaterThan(0);
    expect(wordOverlapF1(base, reference(1))).toBeLessThan(0.5);
    // json_object wraps the same text.
    expect(JSON.parse(await ask(client, ft, question(1), { response_format: { type: 'json_object' } }))).toEqual({ answer: reference(1) });
  });

  it('over many prompts: the fine-tuned model is right ~70% and close otherwise, far above the base model, which is above zero', async () => {
    const key = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [question(i), reference(i)]));
    const { client, fake } = await startFake({ answerKey: key });
    const { ft } = await fineTuned(client, fake);
    let exact = 0;
    let ftF1 = 0;
    let baseF1 = 0;
    for (let i = 0; i < 60; i++) {
      const reply = await ask(client, ft, question(i));
      // Wrong answers are the reference with words dropped, never words it does not have.
      expect(isSubsequence(reply, reference(i))).toBe(true);
      if (reply === reference(i)) exact++;
      ftF1 += wordOverlapF1(reply, reference(i)) / 60;
      const guess = await ask(client, 'gpt-4o-mini', question(i));
      expect(guess).not.toBe(reference(i));
      baseF1 += wordOverlapF1(guess, reference(i)) / 60;
    }
    expect(exact / 60).toBeGreaterThan(0.55);
    expect(exact / 60).toBeLessThan(0.85);
    expect(ftF1).toBeGreaterThan(0.9);
    expect(baseF1).toBeGreaterThan(0.1);
    expect(baseF1).toBeLessThan(0.4);
  });

  it('a letter keyed for a prompt without option lines is not a free-text reference: every model gets the fixed reply, not the letter', async () => {
    const inline = 'Which is a prime number? A) 4 B) 7 C) 9 D) 12';
    const { client, fake } = await startFake({ fineTunedAccuracy: 1, answerKey: answerKeyFromChatJsonl(chatLine(inline, 'B')) });
    const { ft } = await fineTuned(client, fake);
    expect(fake.answerKey.get(inline)).toBe('B');
    expect(await ask(client, ft, inline)).toMatch(/^Deterministic reply from the fake OpenAI server \(model ft:gpt-4o-mini/);
    expect(await ask(client, 'gpt-4o-mini', inline)).toMatch(/^Deterministic reply from the fake OpenAI server \(model gpt-4o-mini/);
  });

  it('never reads references out of uploaded files: a model fine-tuned on a file of questions and answers, with no key, gives the fixed reply', async () => {
    const { client, fake } = await startFake({ fineTunedAccuracy: 1 });
    const file = await uploadJsonl(client, Array.from({ length: 12 }, (_, i) => chatLine(question(i), reference(i))).join('\n') + '\n');
    const job = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id });
    fake.clock.advance(JOB_SECONDS);
    const ft = (await client.fineTuning.jobs.retrieve(job.id)).fine_tuned_model!;
    expect(fake.answerKey.size).toBe(0);
    expect(await ask(client, ft, question(1))).toMatch(/^Deterministic reply from the fake OpenAI server \(model ft:gpt-4o-mini/);
  });

  it('an unkeyed free-text prompt gets the fixed deterministic reply from every model', async () => {
    const { client, fake } = await startFake({ fineTunedAccuracy: 1, answerKey: { [question(1)]: reference(1) } });
    const { ft } = await fineTuned(client, fake);
    expect(await ask(client, ft, question(2))).toMatch(/^Deterministic reply from the fake OpenAI server \(model ft:gpt-4o-mini/);
    expect(await ask(client, 'gpt-4o-mini', question(2))).toMatch(/^Deterministic reply from the fake OpenAI server \(model gpt-4o-mini/);
  });
});
