import type { DropReason } from '../../pipeline/item.js';
import type { TrainingExample } from '../format/chat-example.js';
import { ChatTemplateError, type ExampleCounter, type ExampleTokens } from '../../tokenizers/index.js';
import { tokenCheckReason } from './drop-codes.js';
import { checkRuns } from './unbroken-runs.js';

/**
 * Counts a record after checking it cannot stall the tokenizer: the strings it would encode are
 * inspected first, and a record with a pathological unbroken run is dropped without being encoded.
 */
export const measureExample = (example: TrainingExample, counter: Pick<ExampleCounter, 'texts' | 'countExample'>): ExampleTokens | DropReason => {
  const hostile = checkRuns(counter.texts(example));
  if (hostile) return hostile;
  try {
    return counter.countExample(example);
  } catch (error) {
    if (error instanceof ChatTemplateError) return tokenCheckReason('chat_template_error', { message: error.message });
    throw error;
  }
};

export const isDrop = (v: ExampleTokens | DropReason): v is DropReason => 'code' in v;
