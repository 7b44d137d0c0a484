import { expect, test } from 'vitest';
import { redactSecrets, secretsFromEnv } from '../../../src/providers/openai/redact.js';
import { trainerFromEnv } from '../../../src/providers/openai/trainer-from-env.js';

const AZURE_KEY = '3f2a9c1e7b4d4e8fa1c2d3e4f5a6b7c8';

test('a known key is removed wherever it appears, every time', () => {
  expect(redactSecrets('key abcdef123456 used', ['abcdef123456'])).toBe('key [REDACTED] used');
  expect(redactSecrets('abcdef123456 sent, then abcdef123456 echoed back', ['abcdef123456'])).toBe('[REDACTED] sent, then [REDACTED] echoed back');
});

test('values too short to be a key are not treated as one', () => {
  expect(redactSecrets('the cat sat', ['cat', undefined, ''])).toBe('the cat sat');
});

test('OpenAI-shaped keys are removed, every occurrence', () => {
  expect(redactSecrets('Incorrect API key provided: sk-proj-AbC123xyz7890.')).toBe('Incorrect API key provided: sk-[REDACTED].');
  expect(redactSecrets('first sk-AAAAAAAAAAAA, second sk-BBBBBBBBBBBB')).toBe('first sk-[REDACTED], second sk-[REDACTED]');
});

test('bearer headers are removed in any case, every occurrence', () => {
  expect(redactSecrets('Authorization: Bearer eyJhbGciOi.x')).toBe('Authorization: Bearer [REDACTED]');
  expect(redactSecrets('authorization: bearer tok1 / AUTHORIZATION: BEARER tok2')).toBe('authorization: bearer [REDACTED] / AUTHORIZATION: BEARER [REDACTED]');
});

test('api-key headers and fields are removed, every occurrence', () => {
  expect(redactSecrets('{"api-key": "0123456789abcdef"}')).toBe('{"api-key": "[REDACTED]"}');
  expect(redactSecrets('api-key: one1 api-key=two2')).toBe('api-key: [REDACTED] api-key=[REDACTED]');
});

test('a bare 32-hex Azure key from the environment is removed anywhere, with no "key" near it', () => {
  const env = { AZURE_OPENAI_API_KEY: AZURE_KEY, OPENAI_API_KEY: undefined };
  expect(redactSecrets(`request failed for ${AZURE_KEY} at 12:00 (${AZURE_KEY})`, secretsFromEnv(env))).toBe('request failed for [REDACTED] at 12:00 ([REDACTED])');
  expect(secretsFromEnv({ OPENAI_API_KEY: 'sk-one', AZURE_OPENAI_API_KEY: AZURE_KEY }).filter(Boolean)).toEqual(['sk-one', AZURE_KEY]);
  // Training against OpenAI still keeps an Azure key that happens to be set out of its errors.
  expect(trainerFromEnv({ OPENAI_API_KEY: 'sk-one-two-three', AZURE_OPENAI_API_KEY: AZURE_KEY }, 'openai').secrets).toContain(AZURE_KEY);
});

test('a 32-hex key that is not ours is removed when "key" comes just before it', () => {
  expect(redactSecrets(`Incorrect API key provided: ${AZURE_KEY}.`)).toBe('Incorrect API key provided: [REDACTED].');
  expect(redactSecrets(`subscription key ${AZURE_KEY.toUpperCase()} and api_key=${AZURE_KEY}`)).toBe('subscription key [REDACTED] and api_key=[REDACTED]');
});

test('content hashes and ids are kept: md5 without "key" before it, sha256, a longer hex run', () => {
  const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
  const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const kept = `file md5 ${md5}, sha256 ${sha}, request req_${md5}, monkey ${md5}`;
  expect(redactSecrets(kept)).toBe(kept);
  expect(redactSecrets(`key: ${sha}`)).toBe(`key: ${sha}`);
});
