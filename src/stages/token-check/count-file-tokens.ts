import type { TrainingExample } from '../format/chat-example.js';
import { checkExample } from '../validate/check-example.js';
import { readLines } from '../validate/read-lines.js';
import { exampleCounter } from '../../tokenizers/index.js';
import { measureExample } from './measure-example.js';

export interface FileTokens {
  /** Token count of every example that is valid and could be counted. */
  counts: number[];
  /** Valid examples not counted because an unbroken run would stall the tokenizer. */
  uncountable: number;
  /** Valid examples the model's chat template refuses (as the trainer's would), by 1-based line, with its message. */
  templateRefused: { line: number; message: string }[];
  /** Examples over `tokenLimit`, by 1-based line, in file order. */
  overLimit: { line: number; tokens: number }[];
}

/** Counts the tokens of a JSONL file's valid examples with a tokenizer (src/tokenizers id), one line at a time. */
export const countFileTokens = async (path: string, tokenizer: string, tokenLimit = Infinity): Promise<FileTokens> => {
  const counter = exampleCounter(tokenizer);
  const counts: number[] = [];
  const overLimit: FileTokens['overLimit'] = [];
  let uncountable = 0;
  const templateRefused: FileTokens['templateRefused'] = [];
  for await (const line of readLines(path)) {
    if (!line.text?.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch {
      continue;
    }
    if (checkExample(value).length > 0) continue;
    const measured = measureExample(value as TrainingExample, counter);
    if ('code' in measured) {
      if (measured.code === 'chat_template_error') templateRefused.push({ line: line.number, message: String((measured.detail as { message?: unknown } | undefined)?.message) });
      else uncountable++;
    } else {
      counts.push(measured.total);
      if (measured.total > tokenLimit) overLimit.push({ line: line.number, tokens: measured.total });
    }
  }
  return { counts, uncountable, templateRefused, overLimit };
};
