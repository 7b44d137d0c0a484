import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { answerKeyFromChatJsonl, answerKeyHash } from '../../../src/providers/fake/index.js';
import { chatJsonl, correctLetter, JOB_SECONDS, questionText, startFake, startJob } from './helpers.js';

const ask = async (client: OpenAI, model: string, content: string) =>
  (await client.chat.completions.create({ model, messages: [{ role: 'system', content: 'Answer with a letter.' }, { role: 'user', content }] })).choices[0]!.message.content;

const accuracy = async (client: OpenAI, model: string, from: number, count: number) => {
  let right = 0;
  for (let i = from; i < from + count; i++) if ((await ask(client, model, questionText(i))) === correctLetter(i)) right++;
  return right / count;
};

/** An answer key for 100 held-out questions (ids 500..599), given explicitly to the fake. */
const heldOutKey = () => Object.fromEntries(Array.from({ length: 100 }, (_, k) => [questionText(500 + k), correctLetter(500 + k)]));

describe('fake OpenAI: chat completions', () => {
  it('answers deterministically, in the real response shape', async () => {
    const { client } = await startFake();
    const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say something.' }] };
    const a = await client.chat.completions.create(request);
    const b = await client.chat.completions.create(request);
    expect(a.choices[0]!.message.content).toBe(b.choices[0]!.message.content);
    expect(a).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini-2024-07-18',
      choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', refusal: null } }],
      usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) },
    });
    expect(a.id).toMatch(/^chatcmpl-/);
    expect(a.usage!.total_tokens).toBe(a.usage!.prompt_tokens + a.usage!.completion_tokens);
  });

  it('lets a base model answer lettered prompts with a hashed letter, near chance', async () => {
    const { client } = await startFake();
    const letter = await ask(client, 'gpt-4o-mini', questionText(1));
    expect(letter).toMatch(/^[A-E]$/);
    expect(await ask(client, 'gpt-4o-mini', questionText(1))).toBe(letter);
    expect(await accuracy(client, 'gpt-4o-mini', 500, 100)).toBeLessThan(0.4);
  });

  it('lets a fine-tuned model answer keyed prompts right ~70% of the time (a rehearsal device, not learning)', async () => {
    const { client, fake } = await startFake({ answerKey: heldOutKey() });
    const job = await startJob(client, { examples: 30 });
    fake.clock.advance(JOB_SECONDS);
    const done = await client.fineTuning.jobs.retrieve(job.id);
    const ft = done.fine_tuned_model!;
    const ftAccuracy = await accuracy(client, ft, 500, 100);
    expect(ftAccuracy).toBeGreaterThan(0.6);
    expect(ftAccuracy).toBeLessThan(0.8);
    expect(ftAccuracy).toBeGreaterThan((await accuracy(client, 'gpt-4o-mini', 500, 100)) + 0.3);
    // Questions missing from the key: no advantage, the same hashed letter as the base model.
    expect(await ask(client, ft, questionText(9000))).toBe(await ask(client, 'gpt-4o-mini', questionText(9000)));
    // Checkpoint models are job-created models too.
    const [, ckpt] = (await client.fineTuning.jobs.checkpoints.list(job.id)).data;
    expect(await accuracy(client, ckpt!.fine_tuned_model_checkpoint, 500, 100)).toBeGreaterThan(0.6);
  });

  it('accepts answer keys by hash, from explicit JSONL, and mutated at run time', async () => {
    const { client, fake } = await startFake({ fineTunedAccuracy: 1 });
    const job = await startJob(client);
    fake.clock.advance(JOB_SECONDS);
    const ft = (await client.fineTuning.jobs.retrieve(job.id)).fine_tuned_model!;
    for (const [k, v] of answerKeyFromChatJsonl(chatJsonl(5, 700))) fake.answerKey.set(k, v);
    fake.answerKey.set(answerKeyHash(questionText(800)), correctLetter(800));
    expect(await accuracy(client, ft, 700, 5)).toBe(1);
    expect(await ask(client, ft, questionText(800))).toBe(correctLetter(800));
  });

  it('returns schema-valid JSON for structured outputs (zodResponseFormat + parse)', async () => {
    const { client } = await startFake();
    const Answer = z.object({
      answer: z.enum(['A', 'B', 'C', 'D', 'E']),
      confidence: z.number().min(0).max(1),
      reasons: z.array(z.string()),
      note: z.string().nullable(),
      meta: z.object({ valid: z.boolean(), count: z.int().min(3) }),
    });
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: questionText(3) }],
      response_format: zodResponseFormat(Answer, 'answer'),
    });
    const parsed = completion.choices[0]!.message.parsed!;
    expect(Answer.parse(parsed)).toEqual(parsed);
    // The enum takes the letter the model chose for the lettered prompt.
    expect(parsed.answer).toBe(await ask(client, 'gpt-4o-mini', questionText(3)));
    expect(parsed.meta.count).toBe(3);
  });

  it('runs a configured behaviour per model (options.models and setChatBehaviour), with chat-only models', async () => {
    const { client, fake } = await startFake({ models: { 'judge-model': (req) => `judged ${req.messages.length} messages` } });
    expect(await ask(client, 'judge-model', 'x')).toBe('judged 2 messages');
    expect((await client.models.list()).data.some((m) => m.id === 'judge-model')).toBe(true);
    fake.setChatBehaviour('gpt-4o-mini', (_req, ctx) => ({ content: null, refusal: `no (default was ${ctx.defaultReply().content})` }));
    const refused = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: questionText(1) }] });
    expect(refused.choices[0]!.message.refusal).toMatch(/^no \(default was [A-E]\)$/);
    fake.setChatBehaviour('gpt-4o-mini', undefined);
    expect(await ask(client, 'gpt-4o-mini', questionText(1))).toMatch(/^[A-E]$/);
  });

  it('stops at max_completion_tokens with finish_reason length, and rejects bad requests like the API', async () => {
    const { client } = await startFake({ models: { verbose: () => 'word '.repeat(100) } });
    const cut = await client.chat.completions.create({ model: 'verbose', messages: [{ role: 'user', content: 'go' }], max_completion_tokens: 5 });
    expect(cut.choices[0]!.finish_reason).toBe('length');
    expect(cut.usage!.completion_tokens).toBe(5);
    await expect(client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
      message: '404 The model `no-such-model` does not exist or you do not have access to it.',
    });
    await expect(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(client.chat.completions.create({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 404 });
  });
});
