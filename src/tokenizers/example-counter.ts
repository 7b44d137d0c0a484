import { isPreferenceExample, type TrainingExample } from '../stages/format/chat-example.js';
import { chatTemplate, renderExample } from './chat-template.js';
import { harmonyEncoder } from './harmony-encoder.js';
import { mistralV3Pieces } from './mistral-v3-chat.js';
import { hfTokenizerFiles } from './hf-files.js';
import { countExampleTokens, exampleTexts, type ExampleTokens } from './openai-chat-formula.js';
import { pieceCounter } from './piece-counter.js';
import { specialSplitEncoder } from './special-split.js';
import { learnedMessages, learnedTexts, templateInputs } from './template-messages.js';
import { tekkenEncoder } from './tekken-encoder.js';
import type { TokenEncoder } from './tiktoken-encoder.js';
import { CachingEncoder } from './token-cache.js';
import { tokenizerSpec, type TokenizerSpec } from './tokenizer-specs.js';

/** One tokenizer's counts of strings and of whole training examples. */
export interface ExampleCounter {
  /** The tokenizer id (`o200k_base`, `qwen3`, ...). */
  readonly tokenizer: string;
  /** Tokens of a plain string (no special tokens added). */
  count(text: string): number;
  /** `total`: every token of the example as trained (DPO: input + the longer output); `assistant`: tokens learned from. */
  countExample(example: TrainingExample): ExampleTokens;
  /** Every string of the example that counting encodes: what the unbroken-run check inspects before any encoding. */
  texts(example: TrainingExample): string[];
}

/**
 * The counter for a tokenizer id. OpenAI's encodings keep the cookbook's chat formula (what OpenAI
 * bills); the others render the chat template and encode the text. Tokenizer files load on the
 * first count, once per process. An unknown id is refused with the known ones.
 */
export const exampleCounter = (tokenizer: string): ExampleCounter => {
  const spec = tokenizerSpec(tokenizer);
  if (spec.kind === 'tiktoken') return formulaCounter(tokenizer, spec.encoding);
  return spec.kind === 'mistral-v3' ? mistralCounter(tokenizer, spec.vocab) : templateCounter(tokenizer, spec);
};

const formulaCounter = (tokenizer: string, encoding: 'o200k_base' | 'cl100k_base'): ExampleCounter => {
  // Repeated strings (system prompt, roles, short answers) are counted once; the others piece by
  // piece, each piece's count kept (a passage repeated in every question's message, words).
  const enc = new CachingEncoder(pieceCounter(encoding));
  return {
    tokenizer,
    count: (text) => enc.count(text),
    countExample: (example) => countExampleTokens(example, enc, encoding),
    texts: (example) => exampleTexts(example, encoding),
  };
};

const toolDefinitions = (example: TrainingExample): string[] => {
  const tools = isPreferenceExample(example) ? example.input.tools : example.tools;
  return tools && tools.length > 0 ? [JSON.stringify(tools)] : [];
};

/**
 * The strings an open model's format places in the text: the formula's list (contents, names, tool
 * calls, top-level tool fields) and the tool definitions whole, since templates print nested schemas too.
 */
const openModelTexts = (example: TrainingExample): string[] => [...exampleTexts(example, 'o200k_base'), ...toolDefinitions(example)];

/** Tokens learned from: the text of the assistant messages trained on, each counted alone. */
const learnedTokens = (example: TrainingExample, count: (text: string) => number): number => {
  let assistant = 0;
  for (const m of learnedMessages(example)) for (const text of learnedTexts(m)) assistant += count(text);
  return assistant;
};

type TemplateSpec = Exclude<TokenizerSpec, { kind: 'tiktoken' } | { kind: 'mistral-v3' }>;

const templateCounter = (tokenizer: string, spec: TemplateSpec): ExampleCounter => {
  // Built on the first count, so naming a tokenizer costs nothing until something is counted.
  let loaded: { encode: TokenEncoder; strings: CachingEncoder; render: (input: ReturnType<typeof templateInputs>[number]) => string } | undefined;
  const load = () => {
    if (loaded) return loaded;
    let encode: TokenEncoder;
    let render: (input: ReturnType<typeof templateInputs>[number]) => string;
    if (spec.kind === 'hf') {
      const { tokenizer: hf, config, addedTokens } = hfTokenizerFiles(spec.package);
      // add_special_tokens false: the template already wrote BOS where the model has one (Llama),
      // as apply_chat_template(tokenize=True) does.
      encode = specialSplitEncoder(addedTokens, { count: (text) => (text.length === 0 ? 0 : hf.encode(text, { add_special_tokens: false }).ids.length) });
      const template = chatTemplate(spec.template, config['chat_template'], spec.package);
      render = (input) => renderExample(template, input, config);
    } else {
      encode = harmonyEncoder();
      const template = chatTemplate(spec.template, undefined, tokenizer);
      render = (input) => renderExample(template, input, {});
    }
    return (loaded = { encode, strings: new CachingEncoder(encode), render });
  };
  const count = (text: string) => load().strings.count(text);
  return {
    tokenizer,
    count,
    countExample(example) {
      const { encode, render } = load();
      let total = 0;
      for (const input of templateInputs(example)) total = Math.max(total, encode.count(render(input)));
      return { total, assistant: learnedTokens(example, count) };
    },
    texts: openModelTexts,
  };
};

/**
 * Mistral's format is built as pieces (mistral-v3-chat.ts): each control token is one token, each
 * text is encoded alone by tekken, as mistral-common does, and cached (answers and tool definitions
 * repeat). A DPO example is the input with the longer of its two outputs.
 */
const mistralCounter = (tokenizer: string, vocab: string): ExampleCounter => {
  let strings: CachingEncoder | undefined;
  const encoder = () => (strings ??= new CachingEncoder(tekkenEncoder(vocab)));
  const count = (text: string) => encoder().count(text);
  const countPieces = (messages: Parameters<typeof mistralV3Pieces>[0], tools: Parameters<typeof mistralV3Pieces>[1]): number =>
    mistralV3Pieces(messages, tools).reduce((n, p) => n + ('special' in p ? 1 : count(p.text)), 0);
  return {
    tokenizer,
    count,
    countExample(example) {
      const total = isPreferenceExample(example)
        ? Math.max(
            countPieces([...example.input.messages, ...example.preferred_output], example.input.tools),
            countPieces([...example.input.messages, ...example.non_preferred_output], example.input.tools),
          )
        : countPieces(example.messages, example.tools);
      return { total, assistant: learnedTokens(example, count) };
    },
    texts: openModelTexts,
  };
};
