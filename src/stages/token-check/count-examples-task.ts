import type { DropReason } from '../../pipeline/item.js';
import type { TrainingExample } from '../format/chat-example.js';
import { exampleCounter, type ExampleCounter, type ExampleTokens } from '../../tokenizers/index.js';
import { defineTask } from '../../pipeline/workers/task.js';
import { measureExample } from './measure-example.js';

export interface CountExamplesInput {
  tokenizer: string;
  examples: TrainingExample[];
}

// One counter per tokenizer per thread, kept across batches and runs: loading a tokenizer takes a
// while, and its string cache (system prompt, roles, short answers) pays off over the whole input.
const counters = new Map<string, ExampleCounter>();

/** The pool task `countExamples`: each example's tokens, or why it cannot be counted, in order. */
export const countExamples = defineTask(import.meta.url, 'countExamples', ({ tokenizer, examples }: CountExamplesInput): (ExampleTokens | DropReason)[] => {
  let counter = counters.get(tokenizer);
  if (!counter) counters.set(tokenizer, (counter = exampleCounter(tokenizer)));
  return examples.map((example) => measureExample(example, counter));
});
