import { describe, expect, it } from 'vitest';
import type { FakeOpenAI } from '../../../src/providers/fake/index.js';
import { DATASET_PURPOSE } from '../../../src/providers/fireworks/fake-datasets.js';
import { startTraining } from '../../../src/train/start-training.js';
import { ACCOUNT, calls, makeRun, noSleep, preflightFor, startFireworksFake, trainerFor } from './helpers.js';

/**
 * A request the server committed whose answer never arrived (the hook drops the connection after
 * the object is stored), and a process killed right there (its next wait throws): the next attempt,
 * or the next process, finds what was made instead of making it twice.
 */
const datasets = (fake: FakeOpenAI) => [...fake.state.files.values()].filter((f) => f.purpose === DATASET_PURPOSE && !f.deleted);
const jobs = (fake: FakeOpenAI) => [...fake.state.jobs.values()];

/** Drops the connection after the first committed object `which` picks, once. */
const dropAfter = (fake: FakeOpenAI, which: (kind: string, object: Record<string, unknown>) => boolean) => {
  let dropped = 0;
  fake.hooks.onCommitted = (kind, object, _req, res) => {
    if (dropped === 0 && which(kind, object)) {
      dropped++;
      res.destroy();
    }
  };
  return () => dropped;
};

const killed = async () => {
  throw new Error('process killed');
};

const CASES = [
  { what: 'a dataset created but not yet uploaded', which: (_k: string, o: Record<string, unknown>) => o['state'] === 'UPLOADING' },
  { what: 'an upload', which: (_k: string, o: Record<string, unknown>) => o['object'] === 'file' },
  { what: 'a job', which: (k: string) => k === 'job' },
];

describe('Fireworks: a crash after a committed create is recovered without duplicates', () => {
  for (const c of CASES) {
    it(`${c.what}: the same process retries and finds it`, async () => {
      const fake = await startFireworksFake();
      const dropped = dropAfter(fake, c.which);
      const { job } = await startTraining(makeRun(), preflightFor(), trainerFor(fake).trainer, { sleep: noSleep });
      expect(dropped()).toBe(1);
      expect(datasets(fake).map((d) => d.status)).toEqual(['processed', 'processed']);
      expect(jobs(fake).map((j) => j.id)).toEqual([`accounts/${ACCOUNT}/supervisedFineTuningJobs/${job.id}`]);
      // One upload per file reached the server, whatever was retried (a dropped one has status null).
      expect(calls(fake, 'POST').filter((x) => x.includes(':upload'))).toHaveLength(2);
    });

    it(`${c.what}: the process is killed, and the next run finds it`, async () => {
      const fake = await startFireworksFake();
      dropAfter(fake, c.which);
      const run = makeRun();
      await expect(startTraining(run, preflightFor(), trainerFor(fake).trainer, { sleep: killed })).rejects.toThrow('process killed');
      const { job } = await startTraining(run, preflightFor(), trainerFor(fake).trainer, { sleep: noSleep });
      expect(datasets(fake)).toHaveLength(2);
      expect(datasets(fake).every((d) => d.status === 'processed')).toBe(true);
      expect(jobs(fake)).toHaveLength(1);
      expect(job.status).toBe('validating_files');
    });
  }

  it('a dataset left UPLOADING by a killed run is uploaded by the next (its create answers 409, read as found)', async () => {
    const fake = await startFireworksFake();
    dropAfter(fake, CASES[0]!.which);
    const run = makeRun();
    await expect(startTraining(run, preflightFor(), trainerFor(fake).trainer, { sleep: killed })).rejects.toThrow('process killed');
    fake.requests.length = 0;
    await startTraining(run, preflightFor(), trainerFor(fake).trainer, { sleep: noSleep });
    const base = `/v1/accounts/${ACCOUNT}/datasets`;
    expect(calls(fake, 'POST').slice(0, 3)).toEqual([`POST ${base} 409`, expect.stringMatching(new RegExp(`^POST ${base}/[a-z0-9-]+:upload 200$`)), `POST ${base} 200`]);
  });
});
