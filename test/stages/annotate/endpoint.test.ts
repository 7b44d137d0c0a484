import { describe, expect, it } from 'vitest';
import { resolveEndpoint } from '../../../src/stages/annotate/endpoint.js';

const env = { OPENAI_API_KEY: 'sk-openai-secret', TOGETHER_API_KEY: 'tg-secret' };

describe('the annotation endpoint', () => {
  it('a compatible server gets only the key its apiKeyEnv names, never OPENAI_API_KEY', () => {
    const noKey = resolveEndpoint({ baseURL: 'http://127.0.0.1:8000/v1/' }, env, 'annotate');
    expect(noKey.settings.apiKey).toBe('no-key');
    expect(noKey.family).toBe('compatible:http://127.0.0.1:8000/v1');
    expect(noKey.maxTokensField).toBe('max_tokens');
    const together = resolveEndpoint({ baseURL: 'https://api.together.xyz/v1', apiKeyEnv: 'TOGETHER_API_KEY' }, env, 'annotate');
    expect(together.settings.apiKey).toBe('tg-secret');
    expect(() => resolveEndpoint({ baseURL: 'https://api.together.xyz/v1', apiKeyEnv: 'FIREWORKS_API_KEY' }, env, 'annotate')).toThrow(
      '[annotate] endpoint.apiKeyEnv names FIREWORKS_API_KEY, which is not set in the environment',
    );
  });

  it('OpenAI from the environment; where it points is part of the family, so a rehearsal never answers for the real service', () => {
    expect(resolveEndpoint(undefined, env, 'annotate').family).toBe('openai:https://api.openai.com/v1');
    expect(resolveEndpoint(undefined, { ...env, OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1' }, 'annotate').family).toBe('openai:http://127.0.0.1:9999/v1');
    expect(resolveEndpoint(undefined, env, 'annotate').maxTokensField).toBe('max_completion_tokens');
  });

  it('Azure when only Azure is configured, keyed by its resource', () => {
    const azure = resolveEndpoint(undefined, { AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com', AZURE_OPENAI_API_KEY: 'az' }, 'annotate');
    expect(azure.settings.provider).toBe('azure');
    expect(azure.family).toBe('azure:https://res.openai.azure.com');
  });
});
