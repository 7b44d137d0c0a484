import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFake } from './helpers.js';

const Label = z.object({ topic: z.string(), difficulty: z.enum(['easy', 'hard']) });
const format = zodResponseFormat(Label, 'label');

const ask = (client: OpenAI, model = 'gpt-4o-mini', user = 'What is 2 plus 2?') =>
  client.chat.completions.create({ model, messages: [{ role: 'user', content: user }], response_format: format });

const parseWith = (client: OpenAI, model = 'gpt-4o-mini') =>
  client.chat.completions.parse({ model, messages: [{ role: 'user', content: 'What is 2 plus 2?' }], response_format: format });

describe('fake OpenAI: spoiled structured replies (faults.invalidJson, faults.schemaMismatch)', () => {
  it('answers the first K replies with JSON cut in half (200, finish_reason stop), then valid JSON', async () => {
    const { client, fake } = await startFake();
    const good = (await ask(client)).choices[0]!.message.content!;
    const fault = fake.faults.invalidJson('gpt-4o-mini', { times: 2 });
    const spoiled = await ask(client);
    expect(spoiled.choices[0]!.finish_reason).toBe('stop');
    expect(spoiled.choices[0]!.message.content).toBe(good.slice(0, Math.floor(good.length / 2)));
    expect(() => JSON.parse(spoiled.choices[0]!.message.content!)).toThrow(SyntaxError);
    // The SDK's parse() fails the same way a client's own JSON.parse would.
    await expect(parseWith(client)).rejects.toBeInstanceOf(SyntaxError);
    expect((await ask(client)).choices[0]!.message.content).toBe(good);
    expect(fault.hits).toBe(2);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it('answers valid JSON without the first required property for a schema mismatch', async () => {
    const { client, fake } = await startFake();
    const good = JSON.parse((await ask(client)).choices[0]!.message.content!) as Record<string, unknown>;
    fake.faults.schemaMismatch('*', { times: 1 });
    const text = (await ask(client)).choices[0]!.message.content!;
    const { topic: _topic, ...withoutTopic } = good;
    expect(JSON.parse(text)).toEqual(withoutTopic);
    expect(Label.safeParse(JSON.parse(text)).success).toBe(false);
    await expect(parseWith(client)).resolves.toMatchObject({ choices: [{ message: { parsed: good } }] });
  });

  it('spoils only the models it names, only JSON requests, and counts only what it spoiled', async () => {
    const { client, fake } = await startFake({ models: { 'judge-model': (_req, ctx) => ctx.defaultReply() } });
    const fault = fake.faults.invalidJson('judge-*', { times: 1 });
    const schemaOnly = fake.faults.schemaMismatch(undefined, { times: 1 });
    const plain = await client.chat.completions.create({ model: 'judge-model', messages: [{ role: 'user', content: 'hello' }] });
    expect(plain.choices[0]!.message.content).toMatch(/^Deterministic reply/);
    // json_object asks for JSON but has no schema: invalid JSON applies, a schema mismatch does not.
    const objectReply = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }], response_format: { type: 'json_object' } });
    expect(JSON.parse(objectReply.choices[0]!.message.content!)).toEqual({ answer: expect.any(String) });
    expect([fault.hits, schemaOnly.hits]).toEqual([0, 0]);
    const judged = await ask(client, 'judge-model');
    expect(() => JSON.parse(judged.choices[0]!.message.content!)).toThrow(SyntaxError);
    expect(fault.hits).toBe(1);
    schemaOnly.remove();
    expect(Label.parse(JSON.parse((await ask(client)).choices[0]!.message.content!))).toBeDefined();
  });

  it('spoils batch lines too, in input order, and reset() disarms', async () => {
    const { client, fake } = await startFake();
    fake.faults.invalidJson('gpt-4o-mini', { times: 1 });
    const body = (user: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: user }], response_format: format });
    const lines = ['first', 'second'].map((id) => JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions', body: body(`question ${id}`) }));
    const file = await client.files.create({ file: await OpenAI.toFile(Buffer.from(`${lines.join('\n')}\n`), 'in.jsonl'), purpose: 'batch' });
    const batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    fake.clock.advance(80);
    const done = await client.batches.retrieve(batch.id);
    const out = (await (await client.files.content(done.output_file_id!)).text()).trim().split('\n').map((l) => JSON.parse(l) as { custom_id: string; response: { body: OpenAI.ChatCompletion } });
    const text = (id: string) => out.find((o) => o.custom_id === id)!.response.body.choices[0]!.message.content!;
    expect(() => JSON.parse(text('first'))).toThrow(SyntaxError);
    expect(Label.parse(JSON.parse(text('second')))).toBeDefined();
    fake.faults.invalidJson();
    fake.reset();
    expect(Label.parse(JSON.parse((await ask(client)).choices[0]!.message.content!))).toBeDefined();
  });
});
