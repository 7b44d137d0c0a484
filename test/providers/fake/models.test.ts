import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { MODEL_TABLE } from '../../../src/providers/openai/model-table.js';
import { JOB_SECONDS, startFake, startJob } from './helpers.js';

describe('fake OpenAI: models', () => {
  it('lists the model table\'s live base models and aliases with shutdown_date; shut-down ones are gone', async () => {
    const { client } = await startFake();
    const ids: string[] = [];
    for await (const m of client.models.list()) ids.push(m.id);
    expect(ids).toContain('gpt-4o-mini-2024-07-18');
    expect(ids).toContain('gpt-4o-mini');
    // Shut down on 2026-10-23, before the fake's 2026-11-23.
    expect(ids).not.toContain('gpt-4.1-nano-2025-04-14');
    const model = await client.models.retrieve('gpt-4o-mini-2024-07-18');
    expect(model).toMatchObject({ object: 'model', owned_by: 'system', shutdown_date: MODEL_TABLE.models['gpt-4o-mini-2024-07-18'].shutdownDate });
    expect(model.created).toBe(Date.UTC(2024, 6, 18) / 1000);
    await expect(client.models.retrieve('gpt-4.1-nano-2025-04-14')).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('applies model-table overrides (a moved shutdown date)', async () => {
    const { client } = await startFake({ modelTable: { 'gpt-4.1-nano-2025-04-14': { shutdownDate: '2027-06-01' } } });
    expect(await client.models.retrieve('gpt-4.1-nano')).toMatchObject({ shutdown_date: '2027-06-01' });
  });

  it('adds the fine-tuned and checkpoint models a job created, and deletes a fine-tune', async () => {
    const { client, fake } = await startFake();
    const job = await startJob(client, { examples: 10, body: { method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2 } } } } });
    fake.clock.advance(JOB_SECONDS);
    const done = await client.fineTuning.jobs.retrieve(job.id);
    const ft = done.fine_tuned_model!;
    const listed = (await client.models.list()).data.filter((m) => m.id.startsWith('ft:'));
    expect(listed.map((m) => m.id).sort()).toEqual([ft, `${ft.split(':').slice(0, 4).join(':')}:${listed.find((m) => m.id.endsWith('ckpt-step-10'))!.id.split(':')[4]}:ckpt-step-10`].sort());
    expect(await client.models.retrieve(ft)).toMatchObject({ id: ft, owned_by: fake.config.organizationId, created: done.finished_at, shutdown_date: '2027-01-14' });

    expect(await client.models.delete(ft)).toEqual({ id: ft, object: 'model', deleted: true });
    await expect(client.models.retrieve(ft)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(client.chat.completions.create({ model: ft, messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    await expect(client.models.delete('gpt-4o-mini')).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
  });

  it('retires fine-tunes with their base model when the clock passes the shutdown date', async () => {
    const { client, fake } = await startFake();
    const job = await startJob(client);
    fake.clock.advance(JOB_SECONDS);
    const ft = (await client.fineTuning.jobs.retrieve(job.id)).fine_tuned_model!;
    await expect(client.chat.completions.create({ model: ft, messages: [{ role: 'user', content: 'hi' }] })).resolves.toBeDefined();
    fake.clock.set('2027-01-14T00:00:00Z');
    await expect(client.chat.completions.create({ model: ft, messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 404 });
    expect((await client.models.list()).data.some((m) => m.id === ft)).toBe(false);
  });
});
