import type { Category } from './categories.js';
import { checkExample, exampleFormat, type ExampleFormat } from './check-example.js';
import { findDuplicateKey, findLoneSurrogate } from '../import/json-defects.js';
import { hexByte } from '../import/utf8.js';
import { detectFileEncoding, wrongEncodingMessage, type TextEncoding } from './detect-encoding.js';
import { readLines } from './read-lines.js';

/** OpenAI rejects a training file with fewer examples (server code `invalid_n_examples`). */
export const OPENAI_MIN_EXAMPLES = 10;

export interface ValidateFileOptions {
  /** Fewest examples the file must hold; 0 for a validation file, which has no minimum. @default 10 */
  minExamples?: number;
  /** Errors listed in `errors`; every error is still counted in `countsByCategory`. @default 1000 */
  maxListedErrors?: number;
}

export interface FileError {
  /** 1-based line, or null for an error about the file as a whole (`invalid_n_examples`). */
  line: number | null;
  category: Category;
  message: string;
  /** Where in the line's JSON, when the error is about one part of it (`messages[1].content`). */
  path?: string;
}

export interface FileValidation {
  path: string;
  /** What the file's bytes are; anything but UTF-8 is one file-level error and no line is read. */
  encoding: TextEncoding;
  /** Lines read, blank ones included. */
  lines: number;
  /** Non-blank lines: each is one example, valid or not. */
  examples: number;
  /** 'empty' when no line is a JSON object, so the file has no format to speak of. */
  format: ExampleFormat | 'mixed' | 'empty';
  errors: FileError[];
  /** All errors, including those past `maxListedErrors`. */
  errorCount: number;
  countsByCategory: Record<string, number>;
  ok: boolean;
}

const parseLine = (text: string): { value: unknown } | { error: string } => {
  // JSON.parse would report a BOM as an unexpected token; say what it is instead.
  if (text.charCodeAt(0) === 0xfeff) return { error: 'line starts with a UTF-8 byte order mark; save the file without one' };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { error: `line is not valid JSON: ${(e as Error).message}` };
  }
};

/**
 * What JSON.parse lets through but a dataset must not hold: a key written twice (readers keep one
 * of the values without a word) and a string with a lone surrogate (OpenAI rejects the file).
 */
const textDefects = (text: string, value: unknown): Omit<FileError, 'line'>[] => {
  const errors: Omit<FileError, 'line'>[] = [];
  const dup = findDuplicateKey(text);
  if (dup) errors.push({ category: 'data_type', message: `key "${dup.key}" is written twice in one object (${dup.path}); a JSON reader keeps only one of its values`, path: dup.path });
  const lone = findLoneSurrogate(text, value);
  if (lone !== undefined) errors.push({ category: 'data_type', message: `${lone} holds a lone UTF-16 surrogate (a \\ud800-style escape without its pair), which OpenAI rejects`, path: lone });
  return errors;
};

/**
 * Streams a JSONL fine-tuning file and reports every format error by line and category, as OpenAI's
 * file validation would reject it. A blank line is a `data_type` error (it is not a JSON object,
 * and OpenAI refuses it); a file mixing SFT and DPO lines is `mixed_formats` on every line whose
 * format differs from the first example's. A UTF-16 or UTF-32 file is one `data_type` error naming
 * its encoding: read as UTF-8 its lines would only be NUL-filled JSON errors; a gzip file likewise.
 * A key written twice in an object, and a string with a lone surrogate, are `data_type` errors.
 */
export const validateTrainingFile = async (path: string, options: ValidateFileOptions = {}): Promise<FileValidation> => {
  const minExamples = options.minExamples ?? OPENAI_MIN_EXAMPLES;
  const maxListed = options.maxListedErrors ?? 1000;
  const detected = await detectFileEncoding(path);
  if (detected.encoding !== 'UTF-8') {
    const error: FileError = { line: null, category: 'data_type', message: wrongEncodingMessage(path, detected) };
    return { path, encoding: detected.encoding, lines: 0, examples: 0, format: 'empty', errors: [error], errorCount: 1, countsByCategory: { data_type: 1 }, ok: false };
  }
  const errors: FileError[] = [];
  const countsByCategory: Record<string, number> = {};
  let errorCount = 0;
  const report = (error: FileError) => {
    errorCount++;
    countsByCategory[error.category] = (countsByCategory[error.category] ?? 0) + 1;
    if (errors.length < maxListed) errors.push(error);
  };
  let lines = 0;
  let examples = 0;
  let first: { format: ExampleFormat; line: number } | undefined;
  let mixed = false;

  for await (const { number, text, invalid } of readLines(path)) {
    lines = number;
    if (text === undefined) {
      examples++;
      const where = invalid ? `: byte ${invalid.column} is ${hexByte(invalid.byte)}` : '';
      report({ line: number, category: 'data_type', message: `line is not valid UTF-8${where}` });
      continue;
    }
    if (text.trim() === '') {
      report({ line: number, category: 'data_type', message: 'line is blank; a JSONL file must have one JSON object on every line' });
      continue;
    }
    examples++;
    const parsed = parseLine(text);
    if ('error' in parsed) {
      report({ line: number, category: 'data_type', message: parsed.error });
      continue;
    }
    for (const error of textDefects(text, parsed.value)) report({ line: number, ...error });
    for (const { category, message, path: at } of checkExample(parsed.value)) {
      report({ line: number, category, message, ...(at === undefined ? {} : { path: at }) });
    }
    const format = exampleFormat(parsed.value);
    if (format === undefined) continue;
    if (!first) first = { format, line: number };
    else if (format !== first.format) {
      mixed = true;
      const message = `line is a ${format} example but the file's first example (line ${first.line}) is ${first.format}`;
      report({ line: number, category: 'mixed_formats', message });
    }
  }

  if (examples < minExamples) {
    report({ line: null, category: 'invalid_n_examples', message: `Training file has ${examples} example(s), but must have at least ${minExamples} examples` });
  }
  const format = mixed ? 'mixed' : (first?.format ?? 'empty');
  return { path, encoding: 'UTF-8', lines, examples, format, errors, errorCount, countsByCategory, ok: errorCount === 0 };
};
