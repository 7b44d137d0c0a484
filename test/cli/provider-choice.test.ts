import { expect, test } from 'vitest';
import { chooseProvider } from '../../src/cli/provider-choice.js';
import { UsageError } from '../../src/pipeline/errors.js';

const pick = (flag: unknown, recorded: (string | undefined)[], env: NodeJS.ProcessEnv = {}) => chooseProvider(flag, recorded, env).name;

test('--provider wins; an unknown one is a usage error naming the registry', () => {
  expect(pick('fireworks', ['together', 'nebius'])).toBe('fireworks');
  expect(() => pick('acme', [])).toThrow(new UsageError('--provider expects one of openai, azure, nebius, together, fireworks, got "acme"'));
});

test('without it: the provider train-state.json names, then the run target, skipping openai, local and unknown names', () => {
  expect(pick(undefined, ['nebius', 'together'])).toBe('nebius');
  expect(pick(undefined, [undefined, 'together'])).toBe('together');
  expect(pick(undefined, ['local', 'fireworks'])).toBe('fireworks');
});

test("an OpenAI or local target, or an older run, follows the environment as before: Azure when only Azure is configured", () => {
  expect(pick(undefined, ['openai', 'openai'])).toBe('openai');
  expect(pick(undefined, [undefined, undefined], { AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com' })).toBe('azure');
  expect(pick(undefined, ['openai'], { AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com', OPENAI_API_KEY: 'sk-x' })).toBe('openai');
  expect(pick(undefined, ['local'], { AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com' })).toBe('azure');
});
