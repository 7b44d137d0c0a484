import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../../../src/providers/fake/index.js';
import { TOGETHER_ROUTES } from '../../../src/providers/together/fake-routes.js';
import { TogetherHttp } from '../../../src/providers/together/together-http.js';
import { TogetherTrainer } from '../../../src/providers/together/together-trainer.js';
import type { Preflight } from '../../../src/train/preflight.js';
import type { RunDirectory } from '../../../src/train/run-directory.js';
import { makeTempRun, onCleanup, preflightOf, type MakeRunOptions } from '../temp-run.js';

export { calls, noSleep } from '../temp-run.js';

export const KEY = 'tgp_v1_secret0123456789abcdefKEY';
export const NOW = '2026-12-02T12:00:00Z';
export const MODEL = 'Qwen/Qwen3-8B';

/** Together's fake on a free port, frozen clock, closed after the test. */
export const startTogetherFake = async (options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> => {
  const fake = await startFakeOpenAI({ now: NOW, routes: TOGETHER_ROUTES, ...options });
  onCleanup(() => fake.close());
  return fake;
};

/** The adapter against the fake; `waits` records every retry wait it asked for (none is slept). */
export const trainerFor = (fake: FakeOpenAI, o: { maxRetries?: number; apiKey?: string } = {}) => {
  const waits: number[] = [];
  const http = new TogetherHttp({
    apiKey: o.apiKey ?? KEY,
    baseURL: fake.baseURL,
    secrets: [KEY],
    maxRetries: o.maxRetries ?? 3,
    timeoutMs: 10_000,
    sleep: async (ms) => void waits.push(ms),
  });
  return { trainer: new TogetherTrainer(http), waits };
};

export const env = (fake: FakeOpenAI): NodeJS.ProcessEnv => ({ TOGETHER_API_KEY: KEY, TOGETHER_BASE_URL: fake.baseURL });

/** A finished run in a temp dir (temp-run.ts), removed after the test. */
export const makeRun = (o: MakeRunOptions = {}): RunDirectory => makeTempRun('tuneset-together-', o);

/** Preflight's verdict for the tests' runs: the model and a 4096-token training length. */
export const preflightFor = (model = MODEL): Preflight => preflightOf(model);

export const posts = (fake: FakeOpenAI) => fake.requests.filter((r) => r.method === 'POST' && r.path !== '/v1/chat/completions');

