import { afterEach, beforeEach, vi } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../../src/providers/fake/index.js';

/**
 * A fresh fake OpenAI server for each test, with OPENAI_BASE_URL and OPENAI_API_KEY pointing at it
 * (what a pipeline's annotate stage reads), undone after the test. Returns the current fake.
 */
export const useFakeOpenAI = (options: FakeOpenAIOptions = {}): (() => FakeOpenAI) => {
  let fake: FakeOpenAI | undefined;
  beforeEach(async () => {
    fake = await startFakeOpenAI({ now: '2026-12-01T12:00:00Z', ...options });
    vi.stubEnv('OPENAI_API_KEY', 'sk-test');
    vi.stubEnv('OPENAI_BASE_URL', fake.baseURL);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await fake?.close();
    fake = undefined;
  });
  return () => {
    if (!fake) throw new Error('useFakeOpenAI: the fake runs only inside a test');
    return fake;
  };
};

