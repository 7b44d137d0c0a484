import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeOpenAI } from '../../../src/providers/fake/index.js';
import { DATASET_PURPOSE } from '../../../src/providers/fireworks/fake-datasets.js';
import { fireworksProvider } from '../../../src/providers/fireworks/index.js';
import { collectResults } from '../../../src/train/collect-results.js';
import { startTraining } from '../../../src/train/start-training.js';
import { ACCOUNT, env, KEY, makeRun, MODEL, preflightFor, startFireworksFake, trainerFor, failure } from './helpers.js';

/**
 * Every endpoint the adapter calls, failed once each way the network fails: a 429 with a wait, a
 * 500, a dropped connection. The whole hand-off must still end with one dataset per file, one
 * job per attempt, the metrics written and the eval answered; the key appears nowhere.
 */
const ENDPOINTS = [
  'GET /v1/accounts/*/datasets/*',
  'POST /v1/accounts/*/datasets',
  'POST /v1/accounts/*/datasets/*:upload',
  'GET /v1/accounts/*/datasets',
  'GET /v1/accounts/*/supervisedFineTuningJobs/*',
  'POST /v1/accounts/*/supervisedFineTuningJobs',
  'GET /v1/accounts/*/supervisedFineTuningJobs',
  'DELETE /v1/accounts/*/supervisedFineTuningJobs/*',
  'GET /v1/fake-signed-urls/*',
  'POST /inference/v1/chat/completions',
];

const KINDS = ['429', '500', 'drop'] as const;

const arm = (fake: FakeOpenAI, kind: (typeof KINDS)[number], match: string) => {
  // The SDK (chat) waits for real; everything else reports its wait to the test instead.
  const retryAfterMs = match.includes('/inference/') ? 5 : 1500;
  if (kind === '429') return fake.faults.rateLimit(match, { times: 1, retryAfterMs });
  if (kind === '500') return fake.faults.serverError(match, { times: 1 });
  return fake.faults.drop(match, { times: 1 });
};

/** Every call the adapter makes: access check, hand-off, follow, results, a second attempt cancelled, eval. */
const wholeFlow = async (fake: FakeOpenAI) => {
  const { trainer, waits } = trainerFor(fake);
  const createWaits: (number | undefined)[] = [];
  const sleep = async (_attempt: number, ms: number | undefined) => void createWaits.push(ms);
  await trainer.checkAccess();
  const run = makeRun();
  const { job } = await startTraining(run, preflightFor(), trainer, { sleep });
  fake.clock.advance(300);
  const done = await trainer.retrieveJob(job.id);
  await trainer.eventsSince(job.id, undefined);
  const results = await collectResults(trainer, done, run.dir);
  const second = await startTraining(run, preflightFor(), trainer, { sleep, newJob: true });
  const cancelled = await trainer.cancelJob(second.job.id);
  const { chat } = fireworksProvider.chatFromEnv(env(fake), { maxRetries: 2 });
  const answer = await chat.complete(done.fineTunedModel!, [{ role: 'user', content: 'Pick one.\nA. x\nB. y' }]);
  return { run, done, results, cancelled, answer, waits, createWaits };
};

describe('Fireworks: a fault on any endpoint is survived', () => {
  for (const match of ENDPOINTS) {
    for (const kind of KINDS) {
      it(`${kind} once on ${match}`, async () => {
        const fake = await startFireworksFake();
        const fault = arm(fake, kind, match);
        const out = await wholeFlow(fake);
        expect(fault.hits).toBe(1);
        expect(out.done.status).toBe('succeeded');
        expect(out.results.written).toEqual(['metrics.csv', 'metrics.svg']);
        expect(out.cancelled.status).toBe('cancelled');
        expect(out.answer.content).toMatch(/^[AB]$/);
        expect([...fake.state.files.values()].filter((f) => f.purpose === DATASET_PURPOSE)).toHaveLength(2);
        expect(fake.state.jobs.size).toBe(2);
        if (kind === '429' && !match.includes('/inference/')) {
          // The server's wait is the one taken: by the lookup's own retry, or by the create's caller.
          expect([...out.waits, ...out.createWaits]).toEqual([1500]);
        }
        const state = readFileSync(join(out.run.dir, 'train-state.json'), 'utf8');
        expect(state).not.toContain(KEY);
      });
    }
  }
});

describe('Fireworks errors in plain words, never with the key', () => {
  it('a refused request names the endpoint, the status and what Fireworks said, with an echoed key redacted', async () => {
    const fake = await startFireworksFake();
    fake.faults.add({ kind: 'status', status: 400, match: 'POST /v1/accounts/*/datasets', message: `invalid request for key ${KEY}` });
    const error = await failure(startTraining(makeRun(), preflightFor(), trainerFor(fake).trainer, { sleep: async () => {} }));
    expect(error.message).toBe(`Fireworks POST /v1/accounts/${ACCOUNT}/datasets answered 400 (the request was refused): invalid request for key [REDACTED]`);
  });

  it('a wrong key: 401 in plain words, neither key in the message', async () => {
    const fake = await startFireworksFake();
    const wrong = 'fw_wrongkey_0000111122223333';
    const { trainer } = trainerFor(fake, { env: env(fake, { FIREWORKS_API_KEY: wrong }) });
    const error = await failure(trainer.checkAccess());
    expect(error.message).toMatch(new RegExp(`^Fireworks GET /v1/accounts/${ACCOUNT}/datasets answered 401 \\(the API key was refused\\): Incorrect API key provided`));
    expect(error.message).not.toContain(wrong);
    expect(error.message).not.toContain(KEY);
  });

  it('a gateway error from the fake dialect reads as Fireworks\' message (an unknown base model)', async () => {
    const fake = await startFireworksFake();
    const error = await failure(startTraining(makeRun(), preflightFor('accounts/fireworks/models/no-such-model'), trainerFor(fake).trainer, { sleep: async () => {} }));
    expect(error.message).toBe(
      `Fireworks POST /v1/accounts/${ACCOUNT}/supervisedFineTuningJobs answered 400 (the request was refused): base model "accounts/fireworks/models/no-such-model" is not tunable`,
    );
  });

  it('a server that never answers: after the retries, where it tried and why', async () => {
    const fake = await startFireworksFake();
    const url = fake.url;
    await fake.close();
    const { trainer, waits } = trainerFor(fake, { env: { FIREWORKS_API_KEY: KEY, FIREWORKS_ACCOUNT_ID: ACCOUNT, FIREWORKS_BASE_URL: url } });
    const error = await failure(trainer.retrieveJob('x'));
    expect(error.message).toBe(`Fireworks GET /v1/accounts/${ACCOUNT}/supervisedFineTuningJobs/x: no answer (connection refused (${url}))`);
    expect(waits).toEqual([500, 1000, 2000]);
    expect(trainer.retryable(error)).toBe(true);
  });

  it('settings name the missing variable', () => {
    expect(() => fireworksProvider.trainerFromEnv({})).toThrow(/^FIREWORKS_API_KEY is not set/);
    expect(() => fireworksProvider.trainerFromEnv({ FIREWORKS_API_KEY: KEY })).toThrow(/^FIREWORKS_ACCOUNT_ID is not set/);
    // Chat needs no account: the model name carries it.
    expect(() => fireworksProvider.chatFromEnv({ FIREWORKS_API_KEY: KEY })).not.toThrow();
    expect(fireworksProvider.trainerFromEnv({ FIREWORKS_API_KEY: KEY, FIREWORKS_ACCOUNT_ID: 'a', FIREWORKS_BASE_URL: 'http://127.0.0.1:9/inference/v1/' }).baseURL).toBe('http://127.0.0.1:9');
    expect(MODEL).toBe('accounts/fireworks/models/qwen3-8b');
  });
});
