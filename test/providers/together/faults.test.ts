import { describe, expect, it } from 'vitest';
import type { FakeOpenAI } from '../../../src/providers/fake/index.js';
import { togetherProvider } from '../../../src/providers/together/index.js';
import type { TogetherTrainer } from '../../../src/providers/together/together-trainer.js';
import { startTraining } from '../../../src/train/start-training.js';
import { questionText } from '../fake/helpers.js';
import { env, makeRun, MODEL, preflightFor, startTogetherFake, trainerFor } from './helpers.js';

type Kind = 'rate_limit' | 'server_error' | 'drop';

/** Arms one fault of `kind` on `match`; a 429 asks for 1500 ms, a 500 for 0 (the fake's default). */
const arm = (fake: FakeOpenAI, kind: Kind, match: string) =>
  kind === 'rate_limit' ? fake.faults.rateLimit(match, { times: 1, retryAfterMs: 1500 }) : kind === 'server_error' ? fake.faults.serverError(match, { times: 1 }) : fake.faults.drop(match, { times: 1 });

/** The wait asked for after each kind: Retry-After for a 429, the fake's 0 for a 500, our first backoff for a drop. */
const WAIT: Record<Kind, number> = { rate_limit: 1500, server_error: 0, drop: 500 };

/** A job that has run to success, to read from. */
const finishedJob = async (fake: FakeOpenAI, trainer: TogetherTrainer) => {
  const { job, state } = await startTraining(makeRun(), preflightFor(), trainer, { sleep: async () => {} });
  fake.clock.advance(180);
  fake.requests.length = 0;
  return { jobId: job.id, fileId: state.files['train']!.fileId };
};

const READS: [string, (t: TogetherTrainer, ids: { jobId: string; fileId: string }) => Promise<unknown>, (ids: { jobId: string; fileId: string }) => string][] = [
  ['GET /v1/models', (t) => t.checkAccess(), () => 'GET /v1/models'],
  ['GET /v1/files', (t) => t.findUploadedFile('none.jsonl', 1), () => 'GET /v1/files'],
  ['GET /v1/files/{id}/content', (t, ids) => t.downloadFile(ids.fileId), (ids) => `GET /v1/files/${ids.fileId}/content`],
  ['GET /v1/fine-tunes', (t, ids) => t.findJobs({ runId: 'r', manifestSha256: ids.jobId, attempt: 1 }), () => 'GET /v1/fine-tunes'],
  ['GET /v1/fine-tunes/{id}', (t, ids) => t.retrieveJob(ids.jobId), (ids) => `GET /v1/fine-tunes/${ids.jobId}`],
  ['GET /v1/fine-tunes/{id}/events', (t, ids) => t.eventsSince(ids.jobId, undefined), (ids) => `GET /v1/fine-tunes/${ids.jobId}/events`],
  ['GET /v1/fine-tunes/{id}/checkpoints', (t, ids) => t.listCheckpoints(ids.jobId), (ids) => `GET /v1/fine-tunes/${ids.jobId}/checkpoints`],
  ['GET /v1/fine-tunes/{id}/metrics', (t, ids) => t.downloadFile(`together-metrics:${ids.jobId}`), (ids) => `GET /v1/fine-tunes/${ids.jobId}/metrics`],
];

describe('Together: faults on every endpoint', () => {
  for (const kind of ['rate_limit', 'server_error', 'drop'] as const) {
    for (const [name, call, match] of READS) {
      it(`${name}: one ${kind} is retried after the wait asked for, and the call succeeds`, async () => {
        const fake = await startTogetherFake();
        const { trainer, waits } = trainerFor(fake);
        const ids = await finishedJob(fake, trainer);
        const fault = arm(fake, kind, match(ids));
        await call(trainer, ids);
        expect(fault.hits).toBe(1);
        expect(waits).toEqual([WAIT[kind]]);
        const hit = fake.requests.filter((r) => `${r.method} ${r.path}` === match(ids)).map((r) => r.status);
        expect(hit).toEqual([kind === 'rate_limit' ? 429 : kind === 'server_error' ? 500 : null, 200]);
      });
    }

    it(`POST /v1/fine-tunes/{id}/cancel: one ${kind} is retried and the job ends cancelled`, async () => {
      const fake = await startTogetherFake();
      const { trainer, waits } = trainerFor(fake);
      const { job } = await startTraining(makeRun(), preflightFor(), trainer, { sleep: async () => {} });
      arm(fake, kind, `POST /v1/fine-tunes/${job.id}/cancel`);
      expect((await trainer.cancelJob(job.id)).status).toBe('cancelled');
      expect(waits).toEqual([WAIT[kind]]);
    });

    for (const path of ['/v1/files/upload', '/v1/fine-tunes']) {
      it(`POST ${path}: one ${kind} is not resent blindly; the lookup runs first, then one more create`, async () => {
        const fake = await startTogetherFake();
        const { trainer, waits } = trainerFor(fake);
        const slept: (number | undefined)[] = [];
        arm(fake, kind, `POST ${path}`);
        await startTraining(makeRun(), preflightFor(), trainer, { sleep: async (_attempt, ms) => void slept.push(ms) });
        // The adapter's own retries never touch a create: the wait came from start-training's loop.
        expect(waits).toEqual([]);
        expect(slept).toEqual([kind === 'rate_limit' ? 1500 : kind === 'server_error' ? 0 : undefined]);
        const seq = fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
        const failed = seq.findIndex((s) => s.startsWith(`POST ${path} `));
        const lookup = path === '/v1/files/upload' ? 'GET /v1/files 200' : 'GET /v1/fine-tunes 200';
        expect(seq.slice(failed, failed + 3)).toEqual([`POST ${path} ${kind === 'rate_limit' ? 429 : kind === 'server_error' ? 500 : null}`, lookup, `POST ${path} 200`]);
        expect(fake.state.jobs.size).toBe(1);
      });
    }

    it(`POST /v1/chat/completions: one ${kind} is retried by the SDK and the answer comes`, async () => {
      const fake = await startTogetherFake();
      const fault = kind === 'rate_limit' ? fake.faults.rateLimit('POST /v1/chat/completions', { times: 1, retryAfterMs: 10 }) : arm(fake, kind, 'POST /v1/chat/completions');
      const { chat } = togetherProvider.chatFromEnv(env(fake), { maxRetries: 2 });
      const answer = await chat.complete(MODEL, [{ role: 'user', content: questionText(1) }]);
      expect(answer.content).toMatch(/^[A-E]$/);
      expect(fault.hits).toBe(1);
    });
  }

  it('a 400 is not retried and says which endpoint refused what', async () => {
    const fake = await startTogetherFake();
    const { trainer, waits } = trainerFor(fake);
    fake.faults.add({ kind: 'status', status: 400, match: 'GET /v1/fine-tunes', message: 'Invalid request' });
    await expect(trainer.findJobs({ runId: 'r', manifestSha256: 'm', attempt: 1 })).rejects.toThrow(
      `Together GET ${fake.baseURL}/fine-tunes failed: 400 (the request was refused): Invalid request`,
    );
    expect(waits).toEqual([]);
    expect(trainer.retryable(await trainer.findJobs({ runId: 'r', manifestSha256: 'm', attempt: 1 }).catch((e: unknown) => e))).toBe(false);
  });

  it('reads give up after maxRetries and the last error says what happened', async () => {
    const fake = await startTogetherFake();
    const { trainer, waits } = trainerFor(fake, { maxRetries: 2 });
    fake.faults.serverError('GET /v1/fine-tunes');
    const error = await trainer.findJobs({ runId: 'r', manifestSha256: 'm', attempt: 1 }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`Together GET ${fake.baseURL}/fine-tunes failed: 500: The server had an error while processing your request. Sorry about that!`);
    expect(trainer.retryable(error)).toBe(true);
    expect(trainer.retryAfterMs(error)).toBe(0);
    expect(waits).toEqual([0, 0]);
  });
});
