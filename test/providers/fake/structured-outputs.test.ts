import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { questionText, startFake } from './helpers.js';
import { randomObject, rng } from './random-zod-schema.js';

const PROMPT = 'Classify this support ticket: the invoice arrived twice and the customer wants a refund.';

const content = async (client: OpenAI, user: string, responseFormat: NonNullable<OpenAI.Chat.ChatCompletionCreateParams['response_format']>) =>
  (await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: user }], response_format: responseFormat })).choices[0]!.message.content!;

type Tree = { label: string; children: Tree[] };
const Tree: z.ZodType<Tree> = z.lazy(() => z.object({ label: z.string(), children: z.array(Tree) }));
const depth = (t: Tree): number => 1 + Math.max(0, ...t.children.map(depth));

describe('fake OpenAI: structured outputs', () => {
  it('answers 150 random zodResponseFormat schemas with JSON the SDK parses and zod accepts', async () => {
    const { client } = await startFake();
    const r = rng(20_261_123);
    const failures: string[] = [];
    for (let i = 0; i < 150; i++) {
      const schema = randomObject(r);
      const user = i % 3 === 0 ? questionText(i) : `${PROMPT} (ticket ${i})`;
      // parse() runs the zod schema itself and throws on a mismatch; safeParse keeps going to list them all.
      const text = await content(client, user, zodResponseFormat(schema, `s${i}`));
      const result = schema.safeParse(JSON.parse(text));
      if (!result.success) failures.push(`#${i} ${text}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });

  it('honours counts, bounds, nullables, unions and recursion exactly', async () => {
    const { client } = await startFake();
    const Shape = z.object({
      two: z.array(z.string()).min(2).max(3),
      four: z.array(z.boolean()).min(4),
      one: z.array(z.int()).max(1),
      score: z.number().gt(0).lt(1),
      stars: z.int().min(1).max(5),
      even: z.int().positive().multipleOf(2),
      below: z.number().lt(-3),
      code: z.string().length(6),
      note: z.string().nullable(),
      pet: z.discriminatedUnion('kind', [z.object({ kind: z.literal('cat'), lives: z.int().min(1).max(9) }), z.object({ kind: z.literal('dog'), good: z.boolean() })]),
      tree: Tree,
      fixed: z.literal('v1'),
    });
    const completion = await client.chat.completions.parse({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }], response_format: zodResponseFormat(Shape, 'shape') });
    const v = completion.choices[0]!.message.parsed!;
    expect([v.two.length, v.four.length, v.one.length]).toEqual([2, 4, 1]);
    expect(v.score > 0 && v.score < 1).toBe(true);
    expect(v.stars >= 1 && v.stars <= 5 && Number.isInteger(v.stars)).toBe(true);
    expect(v.even).toBe(2);
    expect(v.below).toBe(-4);
    expect(v.code).toHaveLength(6);
    expect(typeof v.note).toBe('string');
    expect(['cat', 'dog']).toContain(v.pet.kind);
    expect(v.fixed).toBe('v1');
    // A recursive schema ends: the second entry into the same $ref takes its smallest instance.
    expect(depth(v.tree)).toBe(2);
    expect(v.tree.children.map((c) => c.children)).toEqual([[], []]);
  });

  it('fills hand-written schemas: $defs and definitions refs, type lists, draft-4 exclusive bounds, tuples', async () => {
    const { client } = await startFake();
    const schema = {
      type: 'object',
      properties: {
        a: { $ref: '#/$defs/item' },
        b: { $ref: '#/definitions/count' },
        c: { type: ['integer', 'null'], minimum: 10, maximum: 10 },
        d: { type: 'number', minimum: 5, exclusiveMinimum: true, maximum: 6, exclusiveMaximum: true },
        e: { type: 'array', prefixItems: [{ type: 'string', const: 'x' }, { type: 'integer', minimum: 3, maximum: 3 }], items: false },
        f: { anyOf: [{ type: 'null' }, { $ref: '#' }] },
      },
      required: ['a', 'b', 'c', 'd', 'e', 'f'],
      additionalProperties: false,
      $defs: { item: { type: 'object', properties: { name: { type: 'string', maxLength: 5 } }, required: ['name'], additionalProperties: false } },
      definitions: { count: { type: 'integer', exclusiveMinimum: 41, exclusiveMaximum: 43 } },
    };
    const v = JSON.parse(await content(client, PROMPT, { type: 'json_schema', json_schema: { name: 'raw', strict: true, schema } })) as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect((v['a'] as { name: string }).name.length).toBeLessThanOrEqual(5);
    expect(v['b']).toBe(42);
    expect(v['c']).toBe(10);
    expect(v['d']).toBeGreaterThan(5);
    expect(v['d']).toBeLessThan(6);
    expect(v['e']).toEqual(['x', 3]);
    // The root refers to itself through f: one full level of it, then its smallest instance (null, [], null).
    const inner = (v['f'] as Record<string, unknown>)['f'] as Record<string, unknown>;
    expect((v['f'] as Record<string, unknown>)['c']).toBe(10);
    expect(inner).toMatchObject({ b: 42, c: null, e: [], f: null });
  });

  it('writes short text from the prompt, the chosen letter in answer slots and a rationale ending in it', async () => {
    const { client } = await startFake();
    const Graded = z.object({ answer: z.enum(['A', 'B', 'C', 'D', 'E']), rationale: z.string(), summary: z.string() });
    const user = questionText(4);
    const letter = (await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: user }] })).choices[0]!.message.content!;
    const v = Graded.parse(JSON.parse(await content(client, user, zodResponseFormat(Graded, 'graded'))));
    expect(v.answer).toBe(letter);
    expect(v.rationale).toMatch(new RegExp(`^The prompt says ".+", so the answer is ${letter}\\.$`));
    const words = new Set(user.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase()));
    const summaryWords = v.summary.split(' ').map((w) => w.toLowerCase());
    expect(summaryWords.length).toBeGreaterThanOrEqual(3);
    expect(summaryWords.every((w) => words.has(w))).toBe(true);

    const Labels = z.object({ topic: z.string(), sentiment: z.enum(['positive', 'negative', 'neutral']) });
    const ticket = Labels.parse(JSON.parse(await content(client, PROMPT, zodResponseFormat(Labels, 'labels'))));
    expect(ticket.topic).not.toBe('');
    expect(PROMPT.toLowerCase()).toContain(ticket.topic.split(' ')[1]!.toLowerCase());
  });

  it('is deterministic per request body, and differs between prompts', async () => {
    const { client, fake } = await startFake();
    const Labels = z.object({ topic: z.string(), score: z.number().min(0).max(1), tags: z.array(z.string()) });
    const format = zodResponseFormat(Labels, 'labels');
    const first = await content(client, PROMPT, format);
    fake.clock.advance(86_400);
    expect(await content(client, PROMPT, format)).toBe(first);
    expect(await content(client, `${PROMPT} Urgent.`, format)).not.toBe(first);
  });

  it('answers response_format json_object with a JSON object', async () => {
    const { client } = await startFake();
    const text = await content(client, questionText(2), { type: 'json_object' });
    const value = JSON.parse(text) as unknown;
    expect(value).toEqual({ answer: expect.stringMatching(/^[A-E]$/) });
  });
});
