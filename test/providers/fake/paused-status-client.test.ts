import { describe, expect, it } from 'vitest';
import { OpenAITrainer } from '../../../src/providers/openai/openai-trainer.js';
import { followJob } from '../../../src/train/follow-job.js';
import { startFake, startJob } from './helpers.js';

/**
 * What faults.showPausedStatus() is for: OpenAI's published document has no `paused` status, yet
 * its pause example shows one. Our client must read a status it does not know as still running.
 */
describe('fake OpenAI: a status outside the document, read by our client', () => {
  it('follows a job shown paused without ending, then through resume to success, error null', async () => {
    const { client, fake } = await startFake();
    const job = await startJob(client);
    fake.clock.advance(90);
    await client.fineTuning.jobs.pause(job.id);
    const switched = fake.faults.showPausedStatus();
    const trainer = new OpenAITrainer(client, 'openai');
    let waits = 0;
    const statuses: string[] = [];
    const wait = async () => {
      if (++waits === 3) await client.fineTuning.jobs.resume(job.id);
      fake.clock.advance(60);
    };
    let last;
    for await (const update of followJob(trainer, job.id, { afterEventId: undefined, pollMs: 1, signal: new AbortController().signal, wait })) {
      if (update.kind === 'status') {
        statuses.push(update.job.status);
        last = update.job;
      }
    }
    // Three polls saw it paused (one status update), then running after the resume, then the end.
    expect(statuses).toEqual(['paused', 'running', 'succeeded']);
    expect(waits).toBe(4);
    expect(switched.hits).toBe(3);
    expect(last).toMatchObject({ status: 'succeeded', error: null });
  });
});
