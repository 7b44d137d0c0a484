import OpenAI, { toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { questionText, startFake } from './helpers.js';

const line = (customId: string, content: string, model = 'gpt-4o-mini') =>
  JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body: { model, messages: [{ role: 'user', content }] } });

const uploadBatchInput = async (client: OpenAI, lines: string[]) =>
  client.files.create({ file: await toFile(Buffer.from(`${lines.join('\n')}\n`), 'batch.jsonl'), purpose: 'batch' });

const readJsonl = async (client: OpenAI, fileId: string) =>
  (await (await client.files.content(fileId)).text())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { custom_id: string; response: { status_code: number; body: Record<string, unknown> } });

describe('fake OpenAI: batches', () => {
  it('runs chat requests validating -> in_progress -> finalizing -> completed, output joined by custom_id', async () => {
    const { client, fake } = await startFake();
    const lines = Array.from({ length: 10 }, (_, i) => line(`q-${i}`, questionText(i)));
    lines.push(line('boom', 'x'));
    const input = await uploadBatchInput(client, lines);
    // One request fails inside the batch: its behaviour throws, which the fake answers with a 500.
    fake.setChatBehaviour('gpt-4o-mini', (_req, ctx) => {
      if (ctx.userText === 'x') throw new Error('boom');
      return ctx.defaultReply();
    });
    const batch = await client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { run: 'b1' } });
    expect(batch).toMatchObject({ object: 'batch', status: 'validating', request_counts: { total: 11, completed: 0, failed: 0 }, metadata: { run: 'b1' } });
    // OpenAI's published document types these as non-null: a field with no value yet is left out.
    expect(Object.keys(batch).filter((k) => /_at$|_file_id$|^errors$|^usage$/.test(k)).sort()).toEqual(['created_at', 'expires_at', 'input_file_id']);
    expect(batch.id).toMatch(/^batch_/);
    expect(batch.expires_at).toBe(batch.created_at + 86_400);

    fake.clock.advance(40);
    const running = await client.batches.retrieve(batch.id);
    expect(running.status).toBe('in_progress');
    expect(running.request_counts!.completed).toBe(5);
    fake.clock.advance(30);
    expect((await client.batches.retrieve(batch.id)).status).toBe('finalizing');
    fake.clock.advance(10);
    const done = await client.batches.retrieve(batch.id);
    expect(done).toMatchObject({ status: 'completed', request_counts: { total: 11, completed: 10, failed: 1 }, completed_at: batch.created_at + 80 });
    expect(done.usage!.total_tokens).toBeGreaterThan(0);

    const output = await readJsonl(client, done.output_file_id!);
    expect(output.map((o) => o.custom_id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `q-${i}`).sort());
    expect(output.map((o) => o.custom_id)).not.toEqual(Array.from({ length: 10 }, (_, i) => `q-${i}`));
    const q3 = output.find((o) => o.custom_id === 'q-3')!;
    expect(q3.response.status_code).toBe(200);
    const live = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: questionText(3) }] });
    expect((q3.response.body['choices'] as { message: { content: string } }[])[0]!.message.content).toBe(live.choices[0]!.message.content);
    const errors = await readJsonl(client, done.error_file_id!);
    expect(errors).toEqual([expect.objectContaining({ custom_id: 'boom', response: expect.objectContaining({ status_code: 500 }) })]);
    expect((await client.files.retrieve(done.output_file_id!)).purpose).toBe('batch_output');
  });

  it('fails a batch with bad input lines, listing them in errors', async () => {
    const { client, fake } = await startFake();
    const input = await uploadBatchInput(client, [line('a', 'x'), line('a', 'y'), 'not json', line('c', 'z', 'gpt-4.1')]);
    const batch = await client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    fake.clock.advance(10);
    const failed = await client.batches.retrieve(batch.id);
    expect(failed.status).toBe('failed');
    expect(failed.errors!.data!.map((e) => [e.code, e.line])).toEqual([
      ['duplicate_custom_id', 2],
      ['invalid_json_line', 3],
      ['mismatched_model', 4],
    ]);
  });

  it('cancels with partial results, lists newest first, and refuses bad requests', async () => {
    const { client, fake } = await startFake();
    const input = await uploadBatchInput(client, Array.from({ length: 4 }, (_, i) => line(`q-${i}`, `question ${i}`)));
    const first = await client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const second = await client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    fake.clock.advance(40);
    expect((await client.batches.cancel(first.id)).status).toBe('cancelling');
    fake.clock.advance(10);
    const cancelled = await client.batches.retrieve(first.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', request_counts: { total: 4, completed: 2, failed: 0 } });
    expect(await readJsonl(client, cancelled.output_file_id!)).toHaveLength(2);
    const ids: string[] = [];
    for await (const b of client.batches.list({ limit: 1 })) ids.push(b.id);
    expect(ids).toEqual([second.id, first.id]);

    const notBatch = await client.files.create({ file: await toFile(Buffer.from('{}\n'), 'x.jsonl'), purpose: 'fine-tune' });
    await expect(client.batches.create({ input_file_id: notBatch.id, endpoint: '/v1/chat/completions', completion_window: '24h' })).rejects.toMatchObject({ status: 400, param: 'input_file_id' });
    await expect(client.batches.create({ input_file_id: input.id, endpoint: '/v1/embeddings', completion_window: '24h' })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(client.batches.retrieve('batch_missing')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});
