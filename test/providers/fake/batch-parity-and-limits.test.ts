import OpenAI, { toFile } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { questionText, startFake } from './helpers.js';

const Graded = z.object({ answer: z.enum(['A', 'B', 'C', 'D', 'E']), rationale: z.string(), confidence: z.number().min(0).max(1), tags: z.array(z.string()).max(3) });

const body = (i: number) => ({ model: 'gpt-4o-mini', messages: [{ role: 'system' as const, content: 'Grade it.' }, { role: 'user' as const, content: questionText(i) }], response_format: zodResponseFormat(Graded, 'graded') });
const line = (id: string, b: object) => JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions', body: b });
const upload = async (client: OpenAI, lines: string[]) => client.files.create({ file: await toFile(Buffer.from(`${lines.join('\n')}\n`), 'batch.jsonl'), purpose: 'batch' });
const create = (client: OpenAI, fileId: string, metadata?: Record<string, string>) =>
  client.batches.create({ input_file_id: fileId, endpoint: '/v1/chat/completions', completion_window: '24h', ...(metadata ? { metadata } : {}) });

interface OutputLine {
  id: string;
  custom_id: string;
  response: { status_code: number; request_id: string; body: OpenAI.ChatCompletion };
  error: null;
}

describe('fake OpenAI: batches answer like the live endpoint, list by cursor, and keep the API limits', () => {
  it('answers each batch line with the same content and usage as the same body sent live', async () => {
    const { client, fake } = await startFake();
    const input = await upload(client, Array.from({ length: 6 }, (_, i) => line(`q-${i}`, body(i))));
    const batch = await create(client, input.id);
    fake.clock.advance(80);
    const done = await client.batches.retrieve(batch.id);
    const out = (await (await client.files.content(done.output_file_id!)).text()).trim().split('\n').map((l) => JSON.parse(l) as OutputLine);
    expect(out).toHaveLength(6);
    let inputTokens = 0;
    let outputTokens = 0;
    for (let i = 0; i < 6; i++) {
      const fromBatch = out.find((o) => o.custom_id === `q-${i}`)!;
      expect(fromBatch).toMatchObject({ id: expect.stringMatching(/^batch_req_/), response: { status_code: 200, request_id: expect.stringMatching(/^req_/) }, error: null });
      const live = await client.chat.completions.create(body(i));
      expect(fromBatch.response.body.choices[0]!.message.content).toBe(live.choices[0]!.message.content);
      expect(fromBatch.response.body.usage).toEqual(live.usage);
      expect(Graded.parse(JSON.parse(live.choices[0]!.message.content!))).toBeDefined();
      inputTokens += live.usage!.prompt_tokens;
      outputTokens += live.usage!.completion_tokens;
    }
    expect(done.usage).toMatchObject({ input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens });
  });

  it('lists batches newest first by after/limit cursor, echoing metadata and request_counts', async () => {
    const { client, fake } = await startFake();
    const input = await upload(client, [line('only', body(1))]);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create(client, input.id, { chunk: String(i) })).id);
    const page1 = await client.batches.list({ limit: 2 });
    expect(page1.data.map((b) => b.id)).toEqual([ids[4], ids[3]]);
    expect(page1.has_more).toBe(true);
    const page2 = await client.batches.list({ limit: 2, after: ids[3]! });
    expect(page2.data.map((b) => [b.id, b.metadata])).toEqual([
      [ids[2], { chunk: '2' }],
      [ids[1], { chunk: '1' }],
    ]);
    const last = await client.batches.list({ limit: 2, after: ids[1]! });
    expect([last.data.map((b) => b.id), last.has_more]).toEqual([[ids[0]], false]);
    fake.clock.advance(80);
    const all: OpenAI.Batch[] = [];
    for await (const b of client.batches.list({ limit: 2 })) all.push(b);
    expect(all.map((b) => [b.metadata!['chunk'], b.status, b.request_counts])).toEqual(
      [4, 3, 2, 1, 0].map((i) => [String(i), 'completed', { total: 1, completed: 1, failed: 0 }]),
    );
  });

  it('fails a batch of more than 50,000 requests at validation (too_many_tasks); 50,000 runs', async () => {
    const { client, fake } = await startFake();
    expect(fake.config.batchLimits).toEqual({ maxRequests: 50_000, maxInputBytes: 200 * 1024 * 1024 });
    const small = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] };
    const lines = Array.from({ length: 50_001 }, (_, i) => line(`r${i}`, small));
    const tooMany = await create(client, (await upload(client, lines)).id);
    const justRight = await create(client, (await upload(client, lines.slice(0, 50_000))).id);
    fake.clock.advance(10);
    const failed = await client.batches.retrieve(tooMany.id);
    expect(failed).toMatchObject({ status: 'failed', request_counts: { total: 0, completed: 0, failed: 0 } });
    expect(failed).not.toHaveProperty('output_file_id');
    expect(failed.errors).toEqual({
      object: 'list',
      data: [{ code: 'too_many_tasks', message: 'The batch input file has 50,001 requests; a batch can have at most 50,000. Split it into several batches.', param: null, line: null }],
    });
    expect(await client.batches.retrieve(justRight.id)).toMatchObject({ status: 'in_progress', request_counts: { total: 50_000 } });
  });

  it('takes smaller limits for tests, and refuses a batch input file over the byte limit at upload', async () => {
    const { client, fake } = await startFake({ batchLimits: { maxRequests: 3, maxInputBytes: 2_000 } });
    const lines = Array.from({ length: 4 }, (_, i) => line(`q-${i}`, body(i)));
    const big = Buffer.from(`${lines.join('\n')}\n`);
    expect(big.length).toBeGreaterThan(2_000);
    const refused = await client.files.create({ file: await toFile(big, 'batch.jsonl'), purpose: 'batch' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect(refused).toMatchObject({ status: 400, message: '400 File is too large.', param: null, code: null });
    // The same bytes are fine for another purpose; the limit is the Batch API's.
    await expect(client.files.create({ file: await toFile(big, 'train.jsonl'), purpose: 'fine-tune' })).resolves.toMatchObject({ bytes: big.length });

    const short = lines.map((_, i) => line(`q-${i}`, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `${i}` }] }));
    const four = await create(client, (await upload(client, short)).id);
    const three = await create(client, (await upload(client, short.slice(0, 3))).id);
    fake.clock.advance(80);
    expect((await client.batches.retrieve(four.id)).errors!.data!.map((e) => e.code)).toEqual(['too_many_tasks']);
    expect(await client.batches.retrieve(three.id)).toMatchObject({ status: 'completed', request_counts: { total: 3, completed: 3, failed: 0 } });
  });
});
