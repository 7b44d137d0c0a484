import { get_encoding } from 'tiktoken';
import { describe, expect, it } from 'vitest';
import type { ChatExample, ChatMessage, PreferenceExample, ToolDefinition } from '../../src/stages/format/chat-example.js';
import { countExampleTokens, exampleTexts, IMAGE_TOKENS } from '../../src/tokenizers/openai-chat-formula.js';
import { tiktokenEncoder } from '../../src/tokenizers/tiktoken-encoder.js';

const o200k = tiktokenEncoder('o200k_base');
const cl100k = tiktokenEncoder('cl100k_base');
// The reference: tiktoken's own encode, independent of our wrapper.
const ref = get_encoding('o200k_base');
const len = (s: string) => ref.encode(s).length;

const chat = (...messages: ChatMessage[]): ChatExample => ({ messages });
const sys = (content: string): ChatMessage => ({ role: 'system', content });
const user = (content: ChatMessage['content']): ChatMessage => ({ role: 'user', content });
const assistant = (content: string | null, extra: Partial<ChatMessage> = {}): ChatMessage => ({ role: 'assistant', content, ...extra });

// The cookbook's examples, whose counts it checked against the API's usage.prompt_tokens.
const COOKBOOK_MESSAGES: ChatMessage[] = [
  sys('You are a helpful, pattern-following assistant that translates corporate jargon into plain English.'),
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  { role: 'system', name: 'example_user', content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." },
  { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
  user("This late pivot means we don't have time to boil the ocean for the client deliverable."),
];
const WEATHER_TOOLS: ToolDefinition[] = [
  {
    type: 'function',
    function: {
      name: 'get_current_weather',
      description: 'Get the current weather in a given location',
      parameters: {
        type: 'object',
        properties: {
          location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
          unit: { type: 'string', description: 'The unit of temperature to return', enum: ['celsius', 'fahrenheit'] },
        },
        required: ['location'],
      },
    },
  },
];

describe('chat formula: known values', () => {
  it('counts a two-message chat on o200k_base as 19', () => {
    // (3 + "system" 1 + 6) + (3 + "user" 1 + "Hello!" 2) + 3 priming
    expect(countExampleTokens(chat(sys('You are a helpful assistant.'), user('Hello!')), o200k, 'o200k_base')).toEqual({ total: 19, assistant: 0 });
  });

  it('matches the API-verified cookbook count: 124 on o200k_base, 129 on cl100k_base', () => {
    expect(countExampleTokens(chat(...COOKBOOK_MESSAGES), o200k, 'o200k_base').total).toBe(124);
    expect(countExampleTokens(chat(...COOKBOOK_MESSAGES), cl100k, 'cl100k_base').total).toBe(129);
  });

  it('matches the API-verified cookbook count with tools: 101 on o200k_base, 105 on cl100k_base', () => {
    const example: ChatExample = {
      messages: [sys('You are a helpful assistant that can answer to questions about the weather.'), user("What's the weather like in San Francisco?")],
      tools: WEATHER_TOOLS,
    };
    expect(countExampleTokens(example, o200k, 'o200k_base').total).toBe(101);
    expect(countExampleTokens(example, cl100k, 'cl100k_base').total).toBe(105);
  });

  it('differs between encodings on non-English text', () => {
    const example = chat(user('お誕生日おめでとう'), assistant('ありがとう'));
    expect(countExampleTokens(example, o200k, 'o200k_base').total).not.toBe(countExampleTokens(example, cl100k, 'cl100k_base').total);
    expect(o200k.count('お誕生日おめでとう')).toBe(8);
    expect(cl100k.count('お誕生日おめでとう')).toBe(9);
  });
});

describe('chat formula against tiktoken', () => {
  const SYS = 'Answer with the letter of the correct option only.';
  const Q = 'Which of the following must be true?\n(A) F is third\n(B) G is fourth';

  it('adds 3 per message, the field tokens, and 3 priming; assistant tokens are the answer text', () => {
    const example = chat(sys(SYS), user(Q), assistant('B'));
    const expected = 3 + len('system') + len(SYS) + (3 + len('user') + len(Q)) + (3 + len('assistant') + len('B')) + 3;
    expect(countExampleTokens(example, o200k, 'o200k_base')).toEqual({ total: expected, assistant: len('B') });
  });

  it('counts a name and adds 1 for it', () => {
    const withName = chat({ role: 'user', name: 'alice', content: 'Hi' });
    expect(countExampleTokens(withName, o200k, 'o200k_base').total).toBe(3 + len('user') + len('Hi') + len('alice') + 1 + 3);
  });

  it('counts weight-0 assistant messages in the total but not in the assistant tokens', () => {
    const example = chat(user('Q1'), assistant('first answer', { weight: 0 }), user('Q2'), assistant('second answer', { weight: 1 }));
    const total = 4 * 3 + 2 * len('user') + 2 * len('assistant') + len('Q1') + len('Q2') + len('first answer') + len('second answer') + 3;
    expect(countExampleTokens(example, o200k, 'o200k_base')).toEqual({ total, assistant: len('second answer') });
  });

  it('counts text parts and a fixed cost per image, without encoding the image URL', () => {
    const url = `data:image/png;base64,${'A'.repeat(50_000)}`;
    const content: ChatMessage['content'] = [
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image_url', image_url: { url, detail: 'low' } },
      { type: 'image_url', image_url: { url } },
      { type: 'image_url', image_url: { url, detail: 'high' } },
    ];
    const example = chat(user(content));
    expect(IMAGE_TOKENS).toEqual({ low: 85, high: 1445, auto: 1445 });
    expect(countExampleTokens(example, o200k, 'o200k_base').total).toBe(3 + len('user') + len('What is in this picture?') + 85 + 1445 + 1445 + 3);
    expect(exampleTexts(example, 'o200k_base')).toEqual(['user', 'What is in this picture?']);
  });

  it('counts an assistant refusal as trained text, exactly as tiktoken does', () => {
    const refusal = "I'm sorry, but I can't help with bypassing the lock on someone else's door.";
    const example = chat(user('How do I open my neighbour’s door?'), assistant(null, { refusal }));
    expect(len(refusal)).toBeGreaterThan(10);
    const total = 3 + len('user') + len('How do I open my neighbour’s door?') + (3 + len('assistant') + len(refusal)) + 3;
    expect(countExampleTokens(example, o200k, 'o200k_base')).toEqual({ total, assistant: len(refusal) });
    expect(exampleTexts(example, 'o200k_base')).toContain(refusal);
  });

  it('counts tool calls as function name plus arguments, not their ids', () => {
    const args = '{"location":"Paris, France","unit":"celsius"}';
    const example = chat(
      user('Weather in Paris?'),
      assistant(null, { tool_calls: [{ id: 'call_abc123', type: 'function', function: { name: 'get_current_weather', arguments: args } }] }),
      { role: 'tool', tool_call_id: 'call_abc123', content: '{"temp":21}' },
      assistant('It is 21 °C.'),
    );
    const call = len('get_current_weather') + len(args);
    const total =
      3 + len('user') + len('Weather in Paris?') + (3 + len('assistant') + call) + (3 + len('tool') + len('{"temp":21}')) + (3 + len('assistant') + len('It is 21 °C.')) + 3;
    expect(countExampleTokens(example, o200k, 'o200k_base')).toEqual({ total, assistant: call + len('It is 21 °C.') });
  });
});

describe('DPO lines', () => {
  it('count the input plus the longer output; assistant tokens are the preferred output', () => {
    const example: PreferenceExample = {
      input: chat(sys('Be brief.'), user('Capital of France?')),
      preferred_output: [assistant('Paris.')],
      non_preferred_output: [assistant('The capital of France is Paris, a city on the Seine.')],
    };
    const input = 3 + len('system') + len('Be brief.') + 3 + len('user') + len('Capital of France?') + 3;
    const longer = 3 + len('assistant') + len('The capital of France is Paris, a city on the Seine.');
    expect(countExampleTokens(example, o200k, 'o200k_base')).toEqual({ total: input + longer, assistant: len('Paris.') });
    // Same as the supervised formula on input + the longer output.
    expect(countExampleTokens(example, o200k, 'o200k_base').total).toBe(
      countExampleTokens(chat(...example.input.messages, ...example.non_preferred_output), o200k, 'o200k_base').total,
    );
  });
});

describe('special-token lookalikes', () => {
  it('are counted as plain text instead of throwing', () => {
    expect(o200k.count('<|endoftext|>')).toBe(7);
  });
});
