import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainingExample } from '../../src/stages/format/chat-example.js';
import { ChatTemplateError, exampleCounter } from '../../src/tokenizers/index.js';
import { parsePythonJson, pythonFloatRepr, pythonJsonDumps } from '../../src/tokenizers/python-json.js';

/**
 * Our own examples (fixtures/mistral-examples.jsonl): system prompt, multi-turn with weight 0, a
 * system prompt that goes before the last user message (which starts with a newline),
 * multilingual text with emoji and trailing spaces, text that looks like Mistral's control tokens,
 * developer + system parts + consecutive user and assistant messages (merged), tools with two calls
 * (floats, integer-like keys, non-JSON tool output), a last tool call with id "null", DPO, and two
 * that mistral-common refuses. Every expected total is mistral-common 1.12.0's
 * (scripts/mistral-reference.py: MistralTokenizer.from_file(tekken_240718.json), finetuning mode);
 * assistant counts are the taught messages' content and tool calls, each encoded alone by its
 * Tekkenizer. The refusals are its messages, word for word.
 */
const FIXTURES = readFileSync(join(import.meta.dirname, 'fixtures', 'mistral-examples.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { id: string; example: TrainingExample });
const example = (id: string) => FIXTURES.find((f) => f.id === id)!.example;
const t = (total: number, assistant: number) => ({ total, assistant });

describe('mistral-tekken-v3: equal to mistral-common', () => {
  const counter = exampleCounter('mistral-tekken-v3');

  it('counts each fixture as mistral-common encodes the finetuning request', () => {
    const counted = Object.fromEntries(FIXTURES.filter((f) => !f.id.startsWith('refused')).map((f) => [f.id, counter.countExample(f.example)]));
    expect(counted).toEqual({
      'plain-system': t(24, 1),
      'multi-turn-weight': t(29, 4),
      'system-to-last-user': t(25, 3),
      multilingual: t(73, 20),
      'special-looking-text': t(69, 29),
      'developer-parts-merge': t(41, 15),
      tools: t(373, 92),
      'tool-call-last': t(61, 1),
      dpo: t(28, 15),
    });
  });

  it('refuses what mistral-common refuses, with its words (token-check drops them as chat_template_error)', () => {
    expect(() => counter.countExample(example('refused-openai-call-id'))).toThrow(
      new ChatTemplateError('Tool call id was call_abc123 but must be a-z, A-Z, 0-9, with a length of 9.'),
    );
    expect(() => counter.countExample(example('refused-last-user'))).toThrow(new ChatTemplateError('Expected last role Assistant for finetuning but got user'));
  });

  it('encodes text as the Tekkenizer does: control-token lookalikes are plain text', () => {
    const multilingual = example('multilingual') as { messages: { content: string }[] };
    expect(counter.count(multilingual.messages[0]!.content)).toBe(50);
    expect(counter.count('[INST]</s><s>')).toBe(8);
    expect(counter.count('')).toBe(0);
  });
});

describe("Python's json.dumps, as mistral-common writes tool calls and results", () => {
  it('writes floats as repr does', () => {
    const cases: [number, string][] = [
      [1e16, '1e+16'], [0.00001, '1e-05'], [1, '1.0'], [2.5, '2.5'], [123456789012345680, '1.2345678901234568e+17'],
      [0.0001, '0.0001'], [-0, '-0.0'], [1e15, '1000000000000000.0'], [1e-7, '1e-07'], [1.5e300, '1.5e+300'], [0.1 + 0.2, '0.30000000000000004'],
    ];
    expect(cases.map(([x]) => pythonFloatRepr(x))).toEqual(cases.map(([, repr]) => repr));
  });

  it('keeps key order and number forms, with ", " and ": " separators', () => {
    expect(pythonJsonDumps(parsePythonJson('{"b":1,"10":2.50,"a":[1E2,-0,null,true],"s":"é\\n\\"x\\""}'))).toBe(
      '{"b": 1, "10": 2.5, "a": [100.0, 0, null, true], "s": "é\\n\\"x\\""}',
    );
    expect(parsePythonJson('not json: 18 degrees')).toBeUndefined();
    expect(parsePythonJson('{"a": 1} trailing')).toBeUndefined();
  });
});
