import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../../../src/providers/fake/index.js';
import { FIREWORKS_ROUTES } from '../../../src/providers/fireworks/fake-routes.js';
import { fireworksTrainerFromEnv } from '../../../src/providers/fireworks/index.js';
import type { Preflight } from '../../../src/train/preflight.js';
import type { RunDirectory } from '../../../src/train/run-directory.js';
import { makeTempRun, onCleanup, preflightOf, type MakeRunOptions } from '../temp-run.js';

export { calls, noSleep } from '../temp-run.js';

export const KEY = 'fw_secret0123456789abcdefKEYxyz';
export const ACCOUNT = 'acme-labs';
export const NOW = '2026-12-02T12:00:00Z';
export const MODEL = 'accounts/fireworks/models/qwen3-8b';

/** Fireworks' fake on a free port, frozen clock, closed after the test. */
export const startFireworksFake = async (options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> => {
  const fake = await startFakeOpenAI({ now: NOW, routes: FIREWORKS_ROUTES, apiKey: KEY, ...options });
  onCleanup(() => fake.close());
  return fake;
};

export const env = (fake: FakeOpenAI, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  FIREWORKS_API_KEY: KEY,
  FIREWORKS_ACCOUNT_ID: ACCOUNT,
  FIREWORKS_BASE_URL: fake.url,
  ...extra,
});

/** The adapter against the fake, through the same factory the registry uses; `waits` records every retry wait (none is slept). */
export const trainerFor = (fake: FakeOpenAI, o: { maxRetries?: number; env?: NodeJS.ProcessEnv } = {}) => {
  const waits: number[] = [];
  const made = fireworksTrainerFromEnv(o.env ?? env(fake), { maxRetries: o.maxRetries ?? 3, timeoutMs: 10_000, sleep: async (ms) => void waits.push(ms) });
  return { ...made, waits };
};

/** A finished run in a temp dir (temp-run.ts), removed after the test. */
export const makeRun = (o: MakeRunOptions = {}): RunDirectory => makeTempRun('tuneset-fireworks-', o);

export const preflightFor = (model = MODEL, contextLength = 4096): Preflight => preflightOf(model, contextLength);

export const posts = (fake: FakeOpenAI) => fake.requests.filter((r) => r.method === 'POST' && !r.path.startsWith('/inference/'));

/** The error a promise rejects with; a promise that resolves fails the test. */
export const failure = async (p: Promise<unknown>): Promise<Error> => {
  try {
    await p;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure, but it succeeded');
};
