import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { chatJsonl, JOB_SECONDS, startFake, uploadJsonl } from './helpers.js';

describe('fake OpenAI: onCommitted hook (client killed after the server accepted)', () => {
  it('drops an upload after it was stored: the client gets no id, but the file is listed', async () => {
    const { fake, client } = await startFake();
    const seen: { kind: string; id: unknown }[] = [];
    fake.hooks.onCommitted = (kind, object, _req, res) => {
      seen.push({ kind, id: object['id'] });
      res.destroy();
    };
    await expect(uploadJsonl(client, chatJsonl(10))).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.kind).toBe('file');
    fake.hooks.onCommitted = undefined;
    const listed = (await client.files.list()).data;
    expect(listed.map((f) => f.id)).toEqual([seen[0]!.id]);
    expect(fake.requests[0]!.status).toBeNull();
  });

  it('shows why uploads need reconciling: an SDK retry after a lost answer stores a duplicate', async () => {
    const { fake, client } = await startFake();
    let calls = 0;
    fake.hooks.onCommitted = (_kind, _object, _req, res) => {
      if (calls++ === 0) res.destroy();
    };
    await uploadJsonl(client.withOptions({ maxRetries: 1 }), chatJsonl(10));
    expect((await client.files.list()).data).toHaveLength(2);
  });

  it('drops a job creation after the job was stored; the job exists and runs', async () => {
    const { fake, client } = await startFake();
    const file = await uploadJsonl(client, chatJsonl(10));
    let jobId: unknown;
    fake.hooks.onCommitted = async (kind, object, _req, res) => {
      if (kind !== 'job') return;
      jobId = object['id'];
      res.destroy();
    };
    const create = client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, metadata: { attempt: '1' } });
    await expect(create).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    const jobs = await client.fineTuning.jobs.list({ metadata: { attempt: '1' } });
    expect(jobs.data.map((j) => j.id)).toEqual([jobId]);
    fake.clock.advance(JOB_SECONDS);
    expect((await client.fineTuning.jobs.retrieve(jobId as string)).status).toBe('succeeded');
  });

  it('lets a hook observe without interfering', async () => {
    const kinds: string[] = [];
    const { client } = await startFake({ hooks: { onCommitted: (kind) => void kinds.push(kind) } });
    const file = await uploadJsonl(client, chatJsonl(10));
    await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id });
    expect(kinds).toEqual(['file', 'job']);
  });
});
