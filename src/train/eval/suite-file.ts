import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TunesetError, UsageError } from '../../pipeline/errors.js';
import { readSplitExamples } from './eval-examples.js';
import type { EvalExample, Suite } from './eval-types.js';
import { isScorerName } from './scorers/index.js';
import { parseSuiteLine, SuiteLineProblem } from './suite-line.js';

/** `--suite FILE[:SCORER]`: the file, and the scorers named after the last colon (none: decided by readSuiteFile). */
export interface SuiteOption {
  path: string;
  scorers: string[];
}

/**
 * `general.jsonl:letter` or `general.jsonl:rouge,judge`. What follows the last colon is a scorer
 * list only when every name in it is a scorer's, so a path with a colon of its own (`C:\x.jsonl`)
 * stays a path.
 */
export const parseSuiteOption = (text: string): SuiteOption => {
  const colon = text.lastIndexOf(':');
  const names = colon < 0 ? [] : text.slice(colon + 1).split(',');
  const named = names.length > 0 && names.every(isScorerName);
  const path = named ? text.slice(0, colon) : text;
  if (!path) throw new UsageError(`--suite "${text}" names no file; give FILE or FILE:SCORER`);
  return { path, scorers: named ? [...new Set(names)] : [] };
};

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Only option letters, as a multiple-choice set has: such a suite is scored by its letter. */
const allLetters = (examples: readonly EvalExample[]) => examples.every((e) => e.references.every((r) => /^[A-J]$/.test(r.trim())));

/**
 * Reads a --suite file: chat JSONL (the last assistant message is the reference) or OpenAI-evals
 * JSONL (`input`, `ideal`), one format per file. Scorers: those the option named; else `letter`
 * when every reference is a single option letter; else `fallback` (the --scorer list).
 */
export const readSuiteFile = (option: SuiteOption, fallback: readonly string[]): Suite => {
  const { path } = option;
  if (!existsSync(path)) throw new TunesetError(`${path}: suite file not found`);
  if (statSync(path).isDirectory()) throw new TunesetError(`${path}: a directory, not a suite file (chat or OpenAI-evals JSONL)`);
  const bytes = readFileSync(path);
  const file = basename(path);
  // A BOM and CRLF line ends are how some editors save; neither is part of any line's JSON.
  const lines = bytes.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const examples: EvalExample[] = [];
  const lineOfId = new Map<string, number>();
  let format: { name: Suite['format']; line: number } | undefined;
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    const line = i + 1;
    const where = `${path}:${line}`;
    let parsed;
    try {
      parsed = parseSuiteLine(text);
    } catch (error) {
      if (error instanceof SuiteLineProblem) throw new TunesetError(`${where}: ${error.message}`);
      throw error;
    }
    format ??= { name: parsed.format, line };
    if (parsed.format !== format.name) {
      throw new TunesetError(`${where}: ${describe(parsed.format)}, but line ${format.line} is ${describe(format.name)}; a suite file holds one format`);
    }
    const id = parsed.id ?? `${file}:${line}`;
    const first = lineOfId.get(id);
    if (first !== undefined) throw new TunesetError(`${where}: id "${id}" is also line ${first}'s; ids in a suite file must differ`);
    lineOfId.set(id, line);
    examples.push({ id, line, prompt: parsed.prompt, references: parsed.references });
  });
  if (!format) throw new TunesetError(`${path}: the suite file has no example (it is empty)`);
  const scorers = option.scorers.length > 0 ? option.scorers : allLetters(examples) ? ['letter'] : [...fallback];
  return { name: file.replace(/\.jsonl?$/, ''), source: 'file', path, sha256: sha256(bytes), format: format.name, examples, scorers };
};

const describe = (format: Suite['format']) => (format === 'chat' ? 'a chat line ("messages")' : 'an OpenAI-evals line ("input", "ideal")');

/** The run's held-out split as a suite: ids from meta.jsonl, scored with `scorers`. */
export const splitSuite = (runDir: string, split: string, scorers: readonly string[]): Suite => {
  const path = `${split}.jsonl`;
  const file = join(runDir, path);
  if (!existsSync(file)) throw new TunesetError(`${file}: not found; the run has no ${split} split`);
  return { name: split, source: 'split', path, sha256: sha256(readFileSync(file)), format: 'chat', examples: readSplitExamples(runDir, split), scorers: [...scorers] };
};
