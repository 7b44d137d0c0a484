import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { FireworksHttp } from '../../../src/providers/fireworks/fireworks-http.js';
import { jobIdFor } from '../../../src/providers/fireworks/resource-ids.js';
import { startTraining } from '../../../src/train/start-training.js';
import { ACCOUNT, calls, KEY, makeRun, MODEL, noSleep, preflightFor, startFireworksFake, trainerFor, failure } from './helpers.js';

describe('Fireworks: only our own job, only our own origin', () => {
  it('a job under our id whose displayName is not our tag is never adopted, and creating stops with a message', async () => {
    const fake = await startFireworksFake();
    const run = makeRun();
    const tag = { runId: run.manifest.runId, manifestSha256: run.manifestSha256, attempt: 1 };
    const { trainer } = trainerFor(fake);
    // A stranger's job under the id our tag makes.
    const base = `${fake.url}/v1/accounts/${ACCOUNT}`;
    const auth = { authorization: `Bearer ${KEY}` };
    await fetch(`${base}/datasets`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ datasetId: 'other', dataset: {} }) });
    const form = new FormData();
    form.append('file', new Blob([readFileSync(run.files[0]!.path)]), 'other.jsonl');
    await fetch(`${base}/datasets/other:upload`, { method: 'POST', headers: auth, body: form });
    const stranger = { baseModel: MODEL, dataset: `accounts/${ACCOUNT}/datasets/other`, displayName: 'someone else' };
    await fetch(`${base}/supervisedFineTuningJobs?supervisedFineTuningJobId=${jobIdFor(tag)}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(stranger) });

    expect(await trainer.findJobs(tag)).toEqual([]);
    const error = await failure(startTraining(run, preflightFor(), trainer, { sleep: noSleep }));
    expect(error.message).toBe(
      `Fireworks job id ${jobIdFor(tag)} is taken by a job that does not carry this run's tag (displayName "tuneset ${run.manifestSha256.slice(0, 16)} #1 ${run.manifest.runId}"); delete it or start another attempt with --new-job`,
    );
  });

  it('a lookup that misses a job an earlier attempt made (a stale read) meets 409 on create and reads the job', async () => {
    const fake = await startFireworksFake();
    const run = makeRun();
    const first = await startTraining(run, preflightFor(), trainerFor(fake).trainer, { sleep: noSleep });
    // The next process has no train-state.json job entry and its GET misses once.
    fake.faults.add({ kind: 'status', status: 404, match: 'GET /v1/accounts/*/supervisedFineTuningJobs/*', times: 1, message: 'not found' });
    const fresh = makeRun();
    const second = await startTraining(fresh, preflightFor(), trainerFor(fake).trainer, { sleep: noSleep });
    expect(second.job.id).toBe(first.job.id);
    expect(calls(fake, 'POST').filter((c) => c.includes('supervisedFineTuningJobs'))).toEqual([
      `POST /v1/accounts/${ACCOUNT}/supervisedFineTuningJobs 200`,
      `POST /v1/accounts/${ACCOUNT}/supervisedFineTuningJobs 409`,
    ]);
    expect(fake.state.jobs.size).toBe(1);
  });

  it('a signed URL on another origin is fetched without the key; one on the API origin with it', async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.end('{"step": 1, "train/loss": 1}\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const elsewhere = new FireworksHttp({ apiKey: KEY, baseURL: 'http://127.0.0.1:9', accountId: 'a', secrets: [KEY] });
      await elsewhere.download(`http://127.0.0.1:${port}/bucket/metrics.jsonl?X-Goog-Signature=s`, 'the metrics file');
      const same = new FireworksHttp({ apiKey: KEY, baseURL: `http://127.0.0.1:${port}`, accountId: 'a', secrets: [KEY] });
      await same.download('/bucket/metrics.jsonl', 'the metrics file');
      expect(seen).toEqual([undefined, `Bearer ${KEY}`]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

