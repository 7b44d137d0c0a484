import { describe, expect, it } from 'vitest';
import { startTraining } from '../../../src/train/start-training.js';
import { makeRun, noSleep, preflightFor, startTogetherFake, trainerFor } from './helpers.js';

/** A process killed while it waited to try again: the run stops there, as after kill -9. */
const killed = async () => {
  throw new Error('process killed');
};

const count = (fake: Awaited<ReturnType<typeof startTogetherFake>>, path: string) => fake.requests.filter((r) => r.method === 'POST' && r.path === path).length;

describe('Together: a crash after a committed upload or job leaves no duplicate', () => {
  it('an upload stored but its answer lost is found again, not sent twice', async () => {
    const fake = await startTogetherFake();
    let lost = 0;
    fake.hooks.onCommitted = (kind, _object, _req, res) => {
      if (kind === 'file' && lost++ === 0) res.destroy();
    };
    const { trainer } = trainerFor(fake);
    const result = await startTraining(makeRun(), preflightFor(), trainer, { sleep: noSleep });
    expect(count(fake, '/v1/files/upload')).toBe(2);
    expect([...fake.state.files.values()].filter((f) => f.purpose === 'fine-tune')).toHaveLength(2);
    expect(result.steps[0]).toMatch(/^train\.jsonl: found an earlier upload as file-/);
  });

  it('a job stored but its answer lost is found again by its tag, not created twice', async () => {
    const fake = await startTogetherFake();
    fake.hooks.onCommitted = (kind, _object, _req, res) => {
      if (kind === 'job') res.destroy();
    };
    const { trainer } = trainerFor(fake);
    const result = await startTraining(makeRun(), preflightFor(), trainer, { sleep: noSleep });
    expect(count(fake, '/v1/fine-tunes')).toBe(1);
    expect(fake.state.jobs.size).toBe(1);
    expect(result.job.id).toBe([...fake.state.jobs.keys()][0]);
    expect(result.steps.at(-1)).toBe(`job ${result.job.id}: found the existing job (pending)`);
  });

  it('killed after the server stored the training upload: the re-run uploads only the validation file', async () => {
    const fake = await startTogetherFake();
    fake.hooks.onCommitted = (kind, _object, _req, res) => {
      if (kind === 'file') res.destroy();
    };
    const run = makeRun();
    await expect(startTraining(run, preflightFor(), trainerFor(fake).trainer, { sleep: killed })).rejects.toThrow('process killed');
    expect(count(fake, '/v1/files/upload')).toBe(1);

    fake.hooks.onCommitted = undefined;
    const again = await startTraining(run, preflightFor(), trainerFor(fake).trainer, { sleep: noSleep });
    expect(count(fake, '/v1/files/upload')).toBe(2);
    expect(count(fake, '/v1/fine-tunes')).toBe(1);
    expect([...fake.state.files.values()].filter((f) => f.purpose === 'fine-tune')).toHaveLength(2);
    expect(again.steps[0]).toMatch(/^train\.jsonl: found an earlier upload/);
    expect(again.steps[1]).toMatch(/^validation\.jsonl: uploaded as/);
  });

  it('killed after the server stored the job: the re-run finds it and creates nothing', async () => {
    const fake = await startTogetherFake();
    fake.hooks.onCommitted = (kind, _object, _req, res) => {
      if (kind === 'job') res.destroy();
    };
    const run = makeRun();
    await expect(startTraining(run, preflightFor(), trainerFor(fake).trainer, { sleep: killed })).rejects.toThrow('process killed');
    fake.hooks.onCommitted = undefined;
    const postsBefore = fake.requests.filter((r) => r.method === 'POST').length;

    const again = await startTraining(run, preflightFor(), trainerFor(fake).trainer, { sleep: noSleep });
    expect(fake.requests.filter((r) => r.method === 'POST').length).toBe(postsBefore);
    expect(fake.state.jobs.size).toBe(1);
    expect(again.job.id).toBe([...fake.state.jobs.keys()][0]);
  });
});
