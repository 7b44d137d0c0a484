import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dryRunFetch } from '../../../src/providers/dry-run-fetch.js';
import { dryRunAnswer, emptyList } from '../../../src/providers/together/dry-run.js';
import { taggedSuffix, tagMark } from '../../../src/providers/together/job-tag.js';
import { togetherProvider } from '../../../src/providers/together/index.js';
import { parseRetryAfter } from '../../../src/providers/together/together-http.js';
import { collectResults } from '../../../src/train/collect-results.js';
import { startTraining } from '../../../src/train/start-training.js';
import { env, KEY, makeRun, MODEL, noSleep, preflightFor, startTogetherFake } from './helpers.js';

describe('Together: no key in any error or output', () => {
  it('a key the server echoes back is removed from the error; files written hold no key', async () => {
    const fake = await startTogetherFake();
    const { trainer, secrets } = togetherProvider.trainerFromEnv(env(fake), { maxRetries: 0 });
    expect(secrets).toContain(KEY);
    fake.faults.add({ kind: 'status', status: 400, match: 'POST /v1/fine-tunes', message: `Invalid key ${KEY} for this model`, times: 1 });
    const run = makeRun();
    const error = await startTraining(run, preflightFor(), trainer, { sleep: noSleep }).catch((e: Error) => e);
    expect((error as Error).message).toBe(`Together POST ${fake.baseURL}/fine-tunes failed: 400 (the request was refused): Invalid key [REDACTED] for this model`);

    const { job } = await startTraining(run, preflightFor(), trainer, { sleep: noSleep });
    fake.clock.advance(180);
    await collectResults(trainer, await trainer.retrieveJob(job.id), run.dir);
    for (const name of readdirSync(run.dir)) expect(readFileSync(join(run.dir, name), 'utf8')).not.toContain(KEY);
  });

  it('an unreachable base URL says where it tried, without the key', async () => {
    const fake = await startTogetherFake();
    const baseURL = fake.baseURL;
    await fake.close();
    const { trainer } = togetherProvider.trainerFromEnv({ TOGETHER_API_KEY: KEY, TOGETHER_BASE_URL: `${baseURL}/` }, { maxRetries: 0 });
    const error = (await trainer.retrieveJob('ft-1').catch((e: Error) => e)) as Error;
    expect(error.message).toBe(`could not reach Together for GET ${baseURL}/fine-tunes/ft-1: ECONNREFUSED`);
    expect(trainer.retryable(error)).toBe(true);
  });

  it('without TOGETHER_API_KEY it names the variable; the default base URL is Together’s', () => {
    expect(() => togetherProvider.trainerFromEnv({})).toThrow(/^TOGETHER_API_KEY is not set: /);
    expect(() => togetherProvider.chatFromEnv({})).toThrow(/^TOGETHER_API_KEY is not set: /);
    expect(togetherProvider.trainerFromEnv({ TOGETHER_API_KEY: KEY }).baseURL).toBe('https://api.together.xyz/v1');
  });
});

describe('Together: retry-after, tag and definition', () => {
  it('reads Retry-After as seconds or a date, retry-after-ms first, capped at a minute', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '3' }))).toBe(3000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '3', 'retry-after-ms': '250' }))).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 02 Dec 2026 12:00:05 GMT' }), Date.parse('2026-12-02T12:00:00Z'))).toBe(5000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '3600' }))).toBe(60_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(new Headers())).toBeUndefined();
  });

  it('the suffix keeps the mark whole within 40 characters, whatever the user suffix', () => {
    const tag = { runId: 'run-1', manifestSha256: 'a'.repeat(64), attempt: 1 };
    expect(tagMark(tag)).toMatch(/^ts-[0-9a-f]{20}$/);
    expect(taggedSuffix(undefined, tag)).toBe(tagMark(tag));
    expect(taggedSuffix('ar lsat/v2', tag)).toBe(`ar-lsat-v2-${tagMark(tag)}`);
    const long = taggedSuffix('a-very-long-pipeline-name-indeed', tag);
    expect(long).toHaveLength(40);
    expect(long).toBe(`a-very-long-pipe-${tagMark(tag)}`);
    expect(tagMark({ ...tag, attempt: 2 })).not.toBe(tagMark(tag));
  });

  it('hyperparameters map to Together’s flat names; no learning-rate multiplier', () => {
    expect(togetherProvider.hyperparameters).toEqual({
      epochs: 'n_epochs',
      batchSize: 'batch_size',
      learningRate: 'learning_rate',
      loraRank: 'training_type.lora_r',
      loraAlpha: 'training_type.lora_alpha',
    });
    expect(togetherProvider.env).toEqual({ apiKey: 'TOGETHER_API_KEY', baseURL: 'TOGETHER_BASE_URL', others: [] });
    for (const [name, row] of Object.entries(togetherProvider.table.models)) {
      expect(['qwen3', 'qwen2.5', 'llama3', 'gpt-oss'], name).toContain(row.tokenizer);
      expect(row.baseModel, name).toMatch(/^[\w.-]+\/[\w.-]+$/);
    }
  });

  it('a dry run answered in Together’s shapes runs the adapter to its end and sends nothing', async () => {
    const sent: string[] = [];
    const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const url = new URL(String(input));
      const method = init?.method ?? 'GET';
      sent.push(`${method} ${url.pathname}`);
      let body: unknown = init?.body;
      if (body instanceof FormData) body = { multipart: Object.fromEntries([...body.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : { filename: v.name, bytes: v.size }])) };
      else if (typeof body === 'string') body = JSON.parse(body);
      const answer = method === 'GET' ? emptyList(url.pathname) : dryRunAnswer({ method, path: url.pathname, body }, MODEL);
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const { trainer } = togetherProvider.trainerFromEnv({ TOGETHER_API_KEY: KEY, TOGETHER_BASE_URL: 'http://127.0.0.1:9/v1' }, { fetch });
    const result = await startTraining(makeRun(), preflightFor(), trainer, { sleep: noSleep, dryRun: true });
    expect(sent).toEqual(['GET /v1/files', 'POST /v1/files/upload', 'GET /v1/files', 'POST /v1/files/upload', 'GET /v1/fine-tunes', 'POST /v1/fine-tunes']);
    expect(result.job).toMatchObject({ id: 'ft-dry-run', status: 'pending', model: MODEL });
    expect(result.steps.at(-1)).toBe(`job: would create a fine-tuning job on ${MODEL}`);
    expect(emptyList('/v1/models')).toEqual([]);

    // The same through train --dry-run's own recording fetch: the key never reaches what it records.
    const recorder = dryRunFetch(togetherProvider, MODEL);
    const recorded = togetherProvider.trainerFromEnv({ TOGETHER_API_KEY: KEY }, { fetch: recorder.fetch });
    const dry = await startTraining(makeRun(), preflightFor(), recorded.trainer, { sleep: noSleep, dryRun: true });
    expect(dry.job.id).toBe('ft-dry-run');
    expect(recorder.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST https://api.together.xyz/v1/files/upload',
      'POST https://api.together.xyz/v1/files/upload',
      'POST https://api.together.xyz/v1/fine-tunes',
    ]);
    expect(recorder.requests[0]!.headers['authorization']).toBe('[REDACTED]');
    expect(JSON.stringify(recorder.requests)).not.toContain(KEY);
    expect(dryRunAnswer({ method: 'GET', path: '/v1/fine-tunes', body: undefined }, MODEL)).toBeUndefined();
  });
});
