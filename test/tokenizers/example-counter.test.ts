import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { get_encoding } from 'tiktoken';
import { describe, expect, it } from 'vitest';
import type { TrainingExample } from '../../src/stages/format/chat-example.js';
import { checkRuns } from '../../src/stages/token-check/unbroken-runs.js';
import { countExampleTokens, exampleCounter, TOKENIZER_IDS, tiktokenEncoder, UnknownTokenizerError } from '../../src/tokenizers/index.js';

/**
 * Our own small examples (fixtures/tokenizer-examples.jsonl): plain, multi-turn with weight 0,
 * non-ASCII, text that looks like special tokens, tools with a tool call and its result, DPO.
 * The expected totals are the reference's: Hugging Face's Rust `tokenizers` (0.23.2) over the text
 * jinja2 (3.1.6) renders with transformers' settings (trim_blocks, lstrip_blocks, tojson), from the
 * same tokenizer.json and chat template (docs/providers.md, section tokenizers). Assistant counts
 * are the taught messages' content and tool calls, encoded alone by the same reference.
 */
const FIXTURES = readFileSync(join(import.meta.dirname, 'fixtures', 'tokenizer-examples.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { id: string; example: TrainingExample });

const counted = (tokenizer: string) => {
  const counter = exampleCounter(tokenizer);
  return Object.fromEntries(FIXTURES.map((f) => [f.id, counter.countExample(f.example)]));
};
const t = (total: number, assistant: number) => ({ total, assistant });

describe('exampleCounter: chat template + tokenizer.json, equal to the reference', () => {
  it('qwen3: Qwen3 tokenizer and its template (the last assistant turn gets an empty think block)', () => {
    expect(counted('qwen3')).toEqual({
      plain: t(39, 1), 'multi-turn-weight': t(42, 4), unicode: t(60, 7), 'special-lookalike': t(54, 11), tools: t(264, 30), dpo: t(51, 2),
    });
  });

  it('qwen2.5: the Qwen2.5 template (a default system message when there is none), Qwen2.5 added tokens', () => {
    expect(counted('qwen2.5')).toEqual({
      plain: t(35, 1), 'multi-turn-weight': t(59, 4), unicode: t(77, 7), 'special-lookalike': t(50, 11), tools: t(283, 30), dpo: t(47, 2),
    });
  });

  it('llama3: Llama 3 tokenizer with the 3.1+ template (BOS, knowledge-date system header, tools in the first user message)', () => {
    expect(counted('llama3')).toEqual({
      plain: t(56, 1), 'multi-turn-weight': t(64, 4), unicode: t(81, 10), 'special-lookalike': t(72, 11), tools: t(296, 30), dpo: t(65, 1),
    });
  });

  it('gpt-oss: harmony template, o200k_base with the harmony special tokens as one token each', () => {
    expect(counted('gpt-oss')).toEqual({
      plain: t(98, 1), 'multi-turn-weight': t(98, 3), unicode: t(112, 9), 'special-lookalike': t(113, 9), tools: t(218, 28), dpo: t(107, 1),
    });
  });

  it('gpt-oss counts a harmony special token in text as one token, the rest as tiktoken o200k_base does', () => {
    const o200k = get_encoding('o200k_base');
    const c = exampleCounter('gpt-oss');
    expect(c.count('plain text, no specials: 12345')).toBe(o200k.encode_ordinary('plain text, no specials: 12345').length);
    expect(c.count('a<|end|>b<|start|>')).toBe(o200k.encode_ordinary('a').length + 1 + o200k.encode_ordinary('b').length + 1);
    expect(c.count('<|im_start|>')).toBe(o200k.encode_ordinary('<|im_start|>').length);
  });

  it('a DPO example counts the input with the longer output; assistant tokens are the preferred one', () => {
    const c = exampleCounter('qwen3');
    const dpo = FIXTURES.find((f) => f.id === 'dpo')!.example as Extract<TrainingExample, { input: unknown }>;
    const longer = c.countExample({ messages: [...dpo.input.messages, ...dpo.non_preferred_output] });
    const shorter = c.countExample({ messages: [...dpo.input.messages, ...dpo.preferred_output] });
    expect(longer.total).toBeGreaterThan(shorter.total);
    expect(c.countExample(dpo)).toEqual({ total: longer.total, assistant: shorter.assistant });
    // Whichever side is the longer one.
    const swapped = { ...dpo, preferred_output: dpo.non_preferred_output, non_preferred_output: dpo.preferred_output };
    expect(c.countExample(swapped)).toEqual({ total: longer.total, assistant: longer.assistant });
  });
});

describe('texts: what the unbroken-run check inspects before any encoding', () => {
  it('includes nested tool schemas, which chat templates print whole', () => {
    const run = 'x'.repeat(200_000);
    const example: TrainingExample = {
      messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'ok' }],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string', description: run } } } } } } }],
    };
    expect(checkRuns(exampleCounter('qwen3').texts(example))).toMatchObject({ code: 'unbroken_run_too_long' });
    // OpenAI's formula counts only top-level properties, so it never encodes the nested run.
    expect(checkRuns(exampleCounter('o200k_base').texts(example))).toBeUndefined();
  });
});

describe('exampleCounter: OpenAI encodings keep the chat formula', () => {
  it.each(['o200k_base', 'cl100k_base'] as const)('%s counts exactly as countExampleTokens', (encoding) => {
    const c = exampleCounter(encoding);
    const enc = tiktokenEncoder(encoding);
    for (const f of FIXTURES) expect(c.countExample(f.example), f.id).toEqual(countExampleTokens(f.example, enc, encoding));
    expect(counted(encoding)['plain']).toEqual(t(35, 1));
  });
});

describe('tokenizer ids', () => {
  it('lists the shipped tokenizers', () => {
    expect(TOKENIZER_IDS).toEqual(['o200k_base', 'cl100k_base', 'qwen3', 'qwen2.5', 'llama3', 'gpt-oss', 'mistral-tekken-v3']);
  });

  it('refuses an unknown id with the known ones, before loading anything', () => {
    expect(() => exampleCounter('mistral-tekken')).toThrow(
      new UnknownTokenizerError('mistral-tekken'),
    );
    expect(() => exampleCounter('qwen4')).toThrow(
      'unknown tokenizer "qwen4"; the known tokenizers are o200k_base, cl100k_base, qwen3, qwen2.5, llama3, gpt-oss, mistral-tekken-v3 (src/tokenizers/tokenizer-specs.ts)',
    );
  });
});
