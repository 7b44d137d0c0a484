import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI, { toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { chatJsonl, startFake, uploadJsonl } from './helpers.js';

describe('fake OpenAI: files', () => {
  it('stores a buffered (toFile) upload and serves its bytes back', async () => {
    const { client } = await startFake();
    const content = chatJsonl(3);
    const file = await uploadJsonl(client, content);
    expect(file).toMatchObject({ object: 'file', bytes: Buffer.byteLength(content), filename: 'train.jsonl', purpose: 'fine-tune', status: 'processed' });
    // OpenAI's published document types both as non-null: left out rather than null.
    expect(file).not.toHaveProperty('expires_at');
    expect(file).not.toHaveProperty('status_details');
    expect(file.id).toMatch(/^file-[A-Za-z0-9]{22}$/);
    expect(await client.files.retrieve(file.id)).toEqual(file);
    const res = await client.files.content(file.id);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(await res.text()).toBe(content);
  });

  it('accepts a streamed (chunked) upload from fs.createReadStream', async () => {
    const { client, fake } = await startFake();
    const dir = await mkdtemp(join(tmpdir(), 'fake-openai-'));
    const path = join(dir, 'streamed.jsonl');
    const content = chatJsonl(20);
    await writeFile(path, content);
    const file = await client.files.create({ file: createReadStream(path), purpose: 'fine-tune' });
    expect(file).toMatchObject({ filename: 'streamed.jsonl', bytes: Buffer.byteLength(content) });
    expect(await (await client.files.content(file.id)).text()).toBe(content);
    expect(fake.requests[0]!.headers['transfer-encoding']).toBe('chunked');
  });

  it('honours expires_after and gives batch files a 30-day default expiry', async () => {
    const { client, fake } = await startFake();
    const created = fake.clock.nowSeconds();
    const expiring = await client.files.create({
      file: await toFile(Buffer.from('{}\n'), 'a.jsonl'),
      purpose: 'user_data',
      expires_after: { anchor: 'created_at', seconds: 3600 },
    });
    expect(expiring.expires_at).toBe(created + 3600);
    const batch = await client.files.create({ file: await toFile(Buffer.from('{}\n'), 'b.jsonl'), purpose: 'batch' });
    expect(batch.expires_at).toBe(created + 30 * 86_400);
    fake.clock.advance(3600);
    await expect(client.files.retrieve(expiring.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('rejects a non-.jsonl fine-tune upload, an unknown purpose and a missing file part', async () => {
    const { client } = await startFake();
    const csv = client.files.create({ file: await toFile(Buffer.from('a,b\n'), 'train.csv'), purpose: 'fine-tune' });
    await expect(csv).rejects.toMatchObject({ status: 400, message: '400 Invalid file format for Fine-Tuning API. Must be .jsonl', param: 'file' });
    const purpose = client.files.create({ file: await toFile(Buffer.from('{}'), 'x.jsonl'), purpose: 'nonsense' as 'batch' });
    await expect(purpose).rejects.toMatchObject({ status: 400, param: 'purpose' });
    const missing = client.post('/files', { body: { purpose: 'fine-tune' } });
    await expect(missing).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('lists newest first with cursors, first_id/last_id/has_more, purpose filter and order', async () => {
    const { client } = await startFake();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await uploadJsonl(client, chatJsonl(1, i), `f${i}.jsonl`)).id);
    await client.files.create({ file: await toFile(Buffer.from('{}\n'), 'b.jsonl'), purpose: 'batch' });

    const page = await client.files.list({ purpose: 'fine-tune', limit: 2 });
    expect(page.data.map((f) => f.id)).toEqual([ids[4], ids[3]]);
    expect(page.has_more).toBe(true);
    // The SDK's CursorPage keeps only data/has_more; the raw body has the ids too.
    const raw = await client.get('/files', { query: { purpose: 'fine-tune', limit: 2 } });
    expect(raw).toMatchObject({ object: 'list', has_more: true, first_id: ids[4], last_id: ids[3] });

    const seen: string[] = [];
    for await (const f of client.files.list({ purpose: 'fine-tune', limit: 2 })) seen.push(f.id);
    expect(seen).toEqual([...ids].reverse());

    const asc = await client.files.list({ purpose: 'fine-tune', order: 'asc', limit: 10 });
    expect(asc.data.map((f) => f.id)).toEqual(ids);
    expect(asc.has_more).toBe(false);
    expect((await client.files.list()).data).toHaveLength(6);
    // An empty page: the document requires first_id/last_id as strings, never null.
    expect(await client.get('/files', { query: { purpose: 'vision' } })).toEqual({ object: 'list', data: [], has_more: false, first_id: '', last_id: '' });
  });

  it('deletes a file: 404 afterwards, gone from the list, and a cursor on it still works', async () => {
    const { client } = await startFake();
    const a = await uploadJsonl(client, chatJsonl(1), 'a.jsonl');
    const b = await uploadJsonl(client, chatJsonl(1), 'b.jsonl');
    const c = await uploadJsonl(client, chatJsonl(1), 'c.jsonl');
    expect(await client.files.delete(b.id)).toEqual({ id: b.id, object: 'file', deleted: true });
    const missing = client.files.retrieve(b.id);
    await expect(missing).rejects.toMatchObject({ status: 404, message: `404 No such File object: ${b.id}`, param: 'id' });
    expect((await client.files.list()).data.map((f) => f.id)).toEqual([c.id, a.id]);
    expect((await client.files.list({ after: b.id })).data.map((f) => f.id)).toEqual([a.id]);
  });
});
