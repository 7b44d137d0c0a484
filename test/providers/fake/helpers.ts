import OpenAI, { toFile } from 'openai';
import { afterEach } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../../../src/providers/fake/index.js';

export const API_KEY = 'sk-test-fake-0123456789abcdef';
export const NOW = '2026-11-23T12:00:00Z';

const started: FakeOpenAI[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.close()));
});

/** A fake on a free port with a frozen clock at NOW, closed after the test, and a real SDK client for it. */
export const startFake = async (options: FakeOpenAIOptions = {}, clientOptions: { maxRetries?: number; timeout?: number } = {}) => {
  const fake = await startFakeOpenAI({ now: NOW, ...options });
  started.push(fake);
  const client = new OpenAI({ apiKey: API_KEY, baseURL: `${fake.url}/v1`, maxRetries: clientOptions.maxRetries ?? 0, timeout: clientOptions.timeout ?? 10_000 });
  return { fake, client };
};

/** An AR-LSAT-style user message: lettered options, one correct letter. */
export const questionText = (i: number, letters = 'ABCDE') =>
  `Passage:\nSeven people sit in a row (game ${i}).\n\nQuestion:\nWhich seat can F take?\n\nOptions:\n${[...letters].map((l, j) => `${l}. seat ${j + i}`).join('\n')}`;

export const correctLetter = (i: number, letters = 'ABCDE') => letters.charAt((i * 7 + 3) % letters.length);

/** A chat fine-tuning file of `n` AR-LSAT-style examples. */
export const chatJsonl = (n: number, from = 0): string =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return JSON.stringify({
      messages: [
        { role: 'system', content: 'Reply with the letter of the correct option only.' },
        { role: 'user', content: questionText(i) },
        { role: 'assistant', content: correctLetter(i) },
      ],
    });
  }).join('\n') + '\n';

export const uploadJsonl = async (client: OpenAI, content: string, name = 'train.jsonl') =>
  client.files.create({ file: await toFile(Buffer.from(content), name), purpose: 'fine-tune' });

/** Uploads a training file of `examples` lines and starts a job on gpt-4o-mini. */
export const startJob = async (client: OpenAI, options: { examples?: number; validation?: number; body?: Partial<OpenAI.FineTuning.JobCreateParams> } = {}) => {
  const training = await uploadJsonl(client, chatJsonl(options.examples ?? 12));
  const validation = options.validation ? await uploadJsonl(client, chatJsonl(options.validation, 1000), 'validation.jsonl') : null;
  return client.fineTuning.jobs.create({
    model: 'gpt-4o-mini',
    training_file: training.id,
    ...(validation ? { validation_file: validation.id } : {}),
    ...options.body,
  });
};

/** Default job timing: 30 s validating, 30 s queued, 120 s running. */
export const JOB_SECONDS = 180;
