import { afterEach, expect, test } from 'vitest';
import type { FakeOpenAI } from '../../src/providers/fake/index.js';
import { fakeFor, freshRun, SECRET_KEY, tuneset } from '../helpers/hand-off.js';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

test('Azure OpenAI: the same train and watch through the Azure client and URL shape; eval by deployment', async () => {
  const dir = await freshRun();
  fake = await fakeFor(dir, { azure: true });
  const env = { AZURE_OPENAI_ENDPOINT: fake.url, AZURE_OPENAI_API_KEY: SECRET_KEY, OPENAI_API_VERSION: '2024-10-21' };
  const train = await tuneset(env, 'train', dir, '--provider', 'azure');
  expect(train.code).toBe(0);
  fake.clock.advance(600);
  const watch = await tuneset(env, 'watch', dir, '--interval', '0', '--provider', 'azure');
  expect(watch.code).toBe(0);
  const model = /Fine-tuned model: (\S+)/.exec(watch.stdout)![1]!;
  // Azure serves a fine-tune only once deployed: eval names the deployment (here named after the model).
  const evaluation = await tuneset(env, 'eval', dir, '--model', model, '--deployment', model, '--provider', 'azure');
  expect(evaluation.code).toBe(0);
  expect(fake.requests.length).toBeGreaterThan(0);
  expect(fake.requests.every((r) => r.azure)).toBe(true);
  expect(fake.requests.some((r) => r.path.startsWith('/openai/deployments/'))).toBe(true);
  expect(fake.requests.every((r) => r.query['api-version'] === '2024-10-21')).toBe(true);
  expect(train.stdout + watch.stdout + evaluation.stdout).not.toContain(SECRET_KEY);
});

test('Azure settings missing from the environment are named', async () => {
  const dir = await freshRun();
  const r = await tuneset({ AZURE_OPENAI_API_KEY: 'x' }, 'train', dir, '--provider', 'azure');
  expect(r).toMatchObject({ code: 1, stderr: 'error: Azure OpenAI needs AZURE_OPENAI_ENDPOINT (https://<resource>.openai.azure.com)\n' });
});
