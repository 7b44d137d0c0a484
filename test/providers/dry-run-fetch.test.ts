import { expect, test } from 'vitest';
import { dryRunFetch } from '../../src/providers/dry-run-fetch.js';
import { PROVIDERS } from '../../src/providers/registry.js';

/** A provider's dry-run answers that say what they were asked, to check what reaches them. */
const provider = {
  dryRunAnswer: (r: { method: string; path: string; body: unknown }, model: string) => (r.path.endsWith('/jobs') ? { id: 'job-dry', model, asked: r } : undefined),
  emptyList: (path: string) => ({ items: [], path }),
};

test("a create is recorded with its credentials redacted and answered by the provider's dryRunAnswer; nothing is sent", async () => {
  const dry = dryRunFetch(provider, 'm-1');
  const res = await dry.fetch('https://api.example.test/v1/jobs', {
    method: 'POST',
    headers: { Authorization: 'Bearer secret-123456', 'api-key': 'secret-abcdef', 'x-api-key': 'secret-zzzzzz', 'content-type': 'application/json', 'x-stainless-os': 'Linux' },
    body: JSON.stringify({ model: 'm-1', n: 1 }),
  });
  expect(await res.json()).toEqual({ id: 'job-dry', model: 'm-1', asked: { method: 'POST', path: '/v1/jobs', body: { model: 'm-1', n: 1 } } });
  expect(dry.requests).toEqual([
    {
      method: 'POST',
      url: 'https://api.example.test/v1/jobs',
      headers: { authorization: '[REDACTED]', 'api-key': '[REDACTED]', 'x-api-key': '[REDACTED]', 'content-type': 'application/json' },
      body: { model: 'm-1', n: 1 },
    },
  ]);
  // A non-create the provider does not answer gets an empty object.
  expect(await (await dry.fetch('https://api.example.test/v1/files/f1', { method: 'DELETE' })).json()).toEqual({});
});

test("without a key a lookup is answered with the provider's empty list; with one it goes out read-only and is listed", async () => {
  const keyless = dryRunFetch(provider, 'm');
  expect(await (await keyless.fetch('https://api.example.test/v1/files?purpose=fine-tune')).json()).toEqual({ items: [], path: '/v1/files' });
  expect([keyless.requests, keyless.lookedUp]).toEqual([[], []]);

  const sent: string[] = [];
  const lookups = (async (input: string | URL | Request) => (sent.push(String(input)), new Response('{"data":[1]}'))) as typeof fetch;
  const keyed = dryRunFetch(provider, 'm', lookups);
  expect(await (await keyed.fetch('https://api.example.test/v1/files')).json()).toEqual({ data: [1] });
  expect([sent, keyed.lookedUp, keyed.requests]).toEqual([['https://api.example.test/v1/files'], [{ method: 'GET', url: 'https://api.example.test/v1/files' }], []]);
});

test("OpenAI's dry-run answers are OpenAI's shapes: a processed file named as uploaded, a validating job with a null error", () => {
  const file = PROVIDERS.openai.dryRunAnswer({ method: 'POST', path: '/v1/files', body: { multipart: { file: { filename: 'a.jsonl', bytes: 7, sha256: 'ab'.repeat(32) }, purpose: 'fine-tune' } } }, 'gpt-4o-mini');
  expect(file).toEqual({ id: 'file-dry-run-abababababab', object: 'file', bytes: 7, created_at: 0, filename: 'a.jsonl', purpose: 'fine-tune', status: 'processed' });
  const job = PROVIDERS.openai.dryRunAnswer({ method: 'POST', path: '/v1/fine_tuning/jobs', body: { model: 'gpt-4o-mini', training_file: 'file-1' } }, 'gpt-4o-mini') as Record<string, unknown>;
  expect([job['object'], job['status'], job['error'], job['model'], job['training_file']]).toEqual(['fine_tuning.job', 'validating_files', null, 'gpt-4o-mini', 'file-1']);
  expect(PROVIDERS.openai.dryRunAnswer({ method: 'GET', path: '/v1/files', body: undefined }, 'x')).toBeUndefined();
});
