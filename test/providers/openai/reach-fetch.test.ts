import OpenAI from 'openai';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { expect, test } from 'vitest';
import { sdkChatModel } from '../../../src/providers/openai/chat-model.js';
import { createClient } from '../../../src/providers/openai/client.js';
import { apiErrorText, describeApiError } from '../../../src/providers/openai/errors.js';

const KEY = 'sk-test-secret-0123456789';

const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

// No SDK retries: the test is about the message, not the retry policy.
const client = (baseURL: string) => createClient({ provider: 'openai', apiKey: KEY, baseURL, apiVersion: undefined }, { maxRetries: 0 });
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e);

test('an API at a closed port: "could not reach the API at <base URL>: connection refused", wherever the message is made', async () => {
  const base = `http://127.0.0.1:${await closedPort()}/v1`;
  const error = await failure(client(base).models.list());
  expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
  const expected = `could not reach the API at ${base}: connection refused`;
  // train, cancel and watch (their final error)
  expect(describeApiError('checking the account (listing models and jobs)', error, [KEY]).message).toBe(expected);
  // watch's retry warnings
  expect(apiErrorText(error, [KEY])).toBe(expected);
  // eval, which reports each example's error by its message
  const chat = await failure(sdkChatModel(client(base)).complete('gpt-4o-mini', [{ role: 'user', content: 'hi' }]));
  expect((chat as Error).message).toBe(expected);
});

test('the base URL is shown without a user name or password, so a key written there is not printed', async () => {
  const port = await closedPort();
  const error = await failure(client(`http://${KEY}@127.0.0.1:${port}/v1`).models.list());
  expect(describeApiError('cancelling job ftjob-1', error, [KEY]).message).toBe(
    `could not reach the API at http://127.0.0.1:${port}/v1: fetch does not send a user name or password written in the URL`,
  );
});

test('other errors keep their description: a status is not a connection failure', async () => {
  const server = createHttpServer((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"bad key"}}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const error = await failure(client(`http://127.0.0.1:${port}/v1`).models.list());
  server.close();
  expect(describeApiError('checking the account', error, [KEY]).message).toBe('checking the account failed: 401 (the API key was refused): bad key');
});
