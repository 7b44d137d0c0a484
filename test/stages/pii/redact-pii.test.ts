import { expect, test } from 'vitest';
import type { Item } from '../../../src/pipeline/item.js';
import type { RejectableItem, Stage } from '../../../src/pipeline/stage.js';
import { redactPii } from '../../../src/stages/pii/redact-pii.js';
import { item, runStage } from '../../helpers/run-stage.js';

type Data = Record<string, unknown>;

// runStage keeps only id, code and detail of a drop; this keeps the record itself, to check that
// what reaches rejected.jsonl has no PII left in it.
const capturingDrops = <T>(stage: Stage<T, T>, dropped: RejectableItem[]): Stage<T, T> => ({
  ...stage,
  run: (input, ctx) => stage.run(input, { ...ctx, drop: (it, reason) => (dropped.push(it), ctx.drop(it, reason)) }),
});

const records: Item<Data>[] = [
  item('a', { q: 'Email jane.doe@example.com or call (555) 123-4567.', options: ['IBAN DE89 3704 0044 0532 0130 00', 'none'], n: 3 }),
  item('b', { q: 'Upgrade to version 1.2.3.4; ISBN 978-3-16-148410-0.', options: ['ok'] }),
  item('c', { q: 'Card 4111 1111 1111 1111, server 2001:db8::1, token ghp_1A2b3C4d5E6f7G8h9I0jK1lM2nO3pQ4rS5tU' }),
];

test('redact mode replaces PII in string and string-array fields and reports counts per kind', async () => {
  const { out, drops, report, counters } = await runStage(redactPii({ mode: 'redact' }), records);
  expect(drops).toEqual([]);
  expect(out.map((o) => o.data)).toEqual([
    { q: 'Email <EMAIL> or call <PHONE>.', options: ['IBAN <IBAN>', 'none'], n: 3 },
    records[1]!.data,
    { q: 'Card <CARD>, server <IP_ADDRESS>, token <SECRET>' },
  ]);
  expect(report).toEqual({ counts: { secret: 1, email: 1, iban: 1, card: 1, ip_address: 1, phone: 1 } });
  expect(counters.balanced()).toBe(true);
});

test('drop mode drops records with PII as `pii` with their kinds, and the dropped record is already redacted', async () => {
  const dropped: RejectableItem[] = [];
  const { out, drops, report, counters } = await runStage(capturingDrops(redactPii({ mode: 'drop' }), dropped), records);
  expect(out.map((o) => o.id)).toEqual(['b']);
  expect(drops.map(({ id, code, detail }) => ({ id, code, detail }))).toEqual([
    { id: 'a', code: 'pii', detail: { kinds: ['email', 'iban', 'phone'] } },
    { id: 'c', code: 'pii', detail: { kinds: ['secret', 'card', 'ip_address'] } },
  ]);
  expect(dropped.map((d) => d.data)).toEqual([
    { q: 'Email <EMAIL> or call <PHONE>.', options: ['IBAN <IBAN>', 'none'], n: 3 },
    { q: 'Card <CARD>, server <IP_ADDRESS>, token <SECRET>' },
  ]);
  const serialized = JSON.stringify(dropped);
  for (const pii of ['jane.doe', '123-4567', 'DE89', '4111', 'db8', 'ghp_']) expect(serialized).not.toContain(pii);
  expect(report).toEqual({ counts: { secret: 1, email: 1, iban: 1, card: 1, ip_address: 1, phone: 1 } });
  expect(counters.in).toBe(3);
  expect(counters.dropped).toBe(2);
  expect(counters.balanced()).toBe(true);
});

test('chat examples: message content strings and text parts are redacted, other fields kept', async () => {
  const chat = item('chat', {
    messages: [
      { role: 'system', content: 'You are a support agent.' },
      { role: 'user', content: [{ type: 'text', text: 'My IP is 203.0.113.42' }, { type: 'image_url', image_url: { url: 'https://x.test/a.png' } }] },
      { role: 'assistant', content: 'I emailed ops@example.com about it.', weight: 1 },
    ],
  });
  const { out, report } = await runStage(redactPii({ mode: 'redact' }), [chat]);
  expect(out[0]!.data).toEqual({
    messages: [
      { role: 'system', content: 'You are a support agent.' },
      { role: 'user', content: [{ type: 'text', text: 'My IP is <IP_ADDRESS>' }, { type: 'image_url', image_url: { url: 'https://x.test/a.png' } }] },
      { role: 'assistant', content: 'I emailed <EMAIL> about it.', weight: 1 },
    ],
  });
  expect(report).toEqual({ counts: { secret: 0, email: 1, iban: 0, card: 0, ip_address: 1, phone: 0 } });
});

test('fields and kinds narrow the scan; the report lists only the kinds looked for', async () => {
  const { out, report } = await runStage(redactPii({ mode: 'redact', fields: ['q'], kinds: ['email'] }), [
    item('x', { q: 'a@example.com from 10.0.0.1', note: 'b@example.com' }),
  ]);
  expect(out[0]!.data).toEqual({ q: '<EMAIL> from 10.0.0.1', note: 'b@example.com' });
  expect(report).toEqual({ counts: { email: 1 } });
});

test('bad options fail when the pipeline is loaded', () => {
  expect(() => redactPii({ mode: 'mask' as 'drop' })).toThrow(/redact-pii/);
  expect(() => redactPii({ mode: 'redact', kinds: ['ssn' as 'email'] })).toThrow(/kinds/);
});
