import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { UsageError } from '../../../src/pipeline/errors.js';
import { parseSuiteOption, readSuiteFile, splitSuite } from '../../../src/train/eval/suite-file.js';

const dir = mkdtempSync(join(tmpdir(), 'tuneset-suite-'));
let files = 0;
/** A suite file with these lines, in a directory of its own so its name is `name`. */
const suiteFile = (lines: (object | string)[], name = 'general.jsonl', eol = '\n'): string => {
  const path = join(dir, String(++files), name);
  mkdirSync(join(dir, String(files)));
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join(eol) + eol);
  return path;
};
const read = (path: string, scorers: string[] = [], fallback = ['rouge']) => readSuiteFile({ path, scorers }, fallback);
const chat = (question: string, answer: string) => ({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: question }, { role: 'assistant', content: answer }] });
const errorOf = (path: string) => {
  try {
    read(path);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error');
};

test('--suite FILE:SCORER: what follows the last colon is a scorer list only when every name is a scorer', () => {
  expect(parseSuiteOption('path/general.jsonl:letter')).toEqual({ path: 'path/general.jsonl', scorers: ['letter'] });
  expect(parseSuiteOption('x.jsonl:rouge,judge')).toEqual({ path: 'x.jsonl', scorers: ['rouge', 'judge'] });
  expect(parseSuiteOption('x.jsonl:rouge,rouge')).toEqual({ path: 'x.jsonl', scorers: ['rouge'] });
  expect(parseSuiteOption('x.jsonl')).toEqual({ path: 'x.jsonl', scorers: [] });
  expect(parseSuiteOption('x.jsonl:rouge,nope')).toEqual({ path: 'x.jsonl:rouge,nope', scorers: [] });
  expect(parseSuiteOption('x.jsonl:')).toEqual({ path: 'x.jsonl:', scorers: [] });
  expect(parseSuiteOption('C:\\x.jsonl')).toEqual({ path: 'C:\\x.jsonl', scorers: [] });
  expect(parseSuiteOption('C:\\x.jsonl:bleu')).toEqual({ path: 'C:\\x.jsonl', scorers: ['bleu'] });
  expect(() => parseSuiteOption(':letter')).toThrow(new UsageError('--suite ":letter" names no file; give FILE or FILE:SCORER'));
});

test('a chat JSONL suite: the prompt is every message before the last assistant one, which is the reference', () => {
  const path = suiteFile([chat('Capital of France?', 'Paris'), '', chat('2+2?', '4')], 'general-knowledge.jsonl');
  const suite = read(path);
  expect(suite).toEqual({
    name: 'general-knowledge',
    source: 'file',
    path,
    sha256: createHash('sha256').update(`${JSON.stringify(chat('Capital of France?', 'Paris'))}\n\n${JSON.stringify(chat('2+2?', '4'))}\n`).digest('hex'),
    format: 'chat',
    examples: [
      { id: 'general-knowledge.jsonl:1', line: 1, prompt: chat('Capital of France?', 'Paris').messages.slice(0, 2), references: ['Paris'] },
      { id: 'general-knowledge.jsonl:3', line: 3, prompt: chat('2+2?', '4').messages.slice(0, 2), references: ['4'] },
    ],
    scorers: ['rouge'],
  });
});

test('an OpenAI-evals suite: a string input is one user message, ideal one reference or several; CRLF and .json are fine', () => {
  const path = suiteFile(
    [
      { input: 'Name a primary colour.', ideal: ['red', 'blue', 'yellow'] },
      { input: [{ role: 'system', content: 'Answer in one word.' }, { role: 'user', content: 'Opposite of hot?' }], ideal: 'cold', id: 'opposites-1' },
      { input: 'Largest planet?', ideal: 'Jupiter', id: 7 },
    ],
    'retention.json',
    '\r\n',
  );
  const suite = read(path, [], ['exact']);
  expect([suite.name, suite.format, suite.scorers]).toEqual(['retention', 'openai-evals', ['exact']]);
  expect(suite.examples).toEqual([
    { id: 'retention.json:1', line: 1, prompt: [{ role: 'user', content: 'Name a primary colour.' }], references: ['red', 'blue', 'yellow'] },
    { id: 'opposites-1', line: 2, prompt: [{ role: 'system', content: 'Answer in one word.' }, { role: 'user', content: 'Opposite of hot?' }], references: ['cold'] },
    { id: '7', line: 3, prompt: [{ role: 'user', content: 'Largest planet?' }], references: ['Jupiter'] },
  ]);
});

test("a suite's scorers: those the option names; else letter when every reference is one option letter A-J; else the fallback", () => {
  const letters = suiteFile([chat('q1', ' B\n'), chat('q2', 'J')]);
  expect(read(letters).scorers).toEqual(['letter']);
  expect(read(letters, ['exact', 'rouge']).scorers).toEqual(['exact', 'rouge']);
  expect(read(suiteFile([chat('q1', 'B'), chat('q2', 'K')])).scorers).toEqual(['rouge']);
  expect(read(suiteFile([chat('q1', 'B'), chat('q2', 'b')])).scorers).toEqual(['rouge']);
  expect(read(suiteFile([chat('q1', 'B'), chat('q2', 'AB')])).scorers).toEqual(['rouge']);
  expect(read(suiteFile([{ input: 'q', ideal: ['A', 'C'] }])).scorers).toEqual(['letter']);
  expect(read(suiteFile([{ input: 'q', ideal: ['A', 'yes'] }])).scorers).toEqual(['rouge']);
});

test('a byte-order mark at the start of the file is not part of the first line', () => {
  const path = suiteFile([chat('q', 'a')]);
  writeFileSync(path, `\uFEFF${JSON.stringify(chat('q', 'a'))}\n`);
  expect(read(path).examples.map((e) => e.id)).toEqual(['general.jsonl:1']);
});

test('a messages line keeps only role and content of each message (a fine-tuning weight is not sent)', () => {
  const path = suiteFile([{ messages: [{ role: 'user', content: 'q', name: 'u' }, { role: 'assistant', content: 'a', weight: 1 }] }]);
  expect(read(path).examples[0]!.prompt).toEqual([{ role: 'user', content: 'q' }]);
});

test('a suite file that cannot be read says why, naming the file and line', () => {
  const missing = join(dir, 'nowhere.jsonl');
  expect(errorOf(missing)).toBe(`${missing}: suite file not found`);
  expect(errorOf(dir)).toBe(`${dir}: a directory, not a suite file (chat or OpenAI-evals JSONL)`);
  const blank = suiteFile(['', '  '], 'blank.jsonl');
  expect(errorOf(blank)).toBe(`${blank}: the suite file has no example (it is empty)`);
  const cases: [object | string, string][] = [
    ['{"messages": [', 'not valid JSON (Unexpected end of JSON input)'],
    ['[1, 2]', 'neither a chat line ("messages") nor an OpenAI-evals line ("input" and "ideal")'],
    [{ prompt: 'q', completion: 'a' }, 'neither a chat line ("messages") nor an OpenAI-evals line ("input" and "ideal")'],
    [{ messages: 'q' }, '"messages" is string, not a list of chat messages'],
    [{ messages: [{ content: 'q' }] }, '"messages" message 1 has no role'],
    [{ messages: [{ role: 'user', content: 'q' }] }, 'no assistant message: the last one is the reference answer'],
    [{ messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: ' ' }] }, 'the last assistant message is empty: nothing to score against'],
    [{ messages: [{ role: 'user', content: [{ type: 'image_url' }] }, { role: 'assistant', content: 'a' }] }, '"messages" message 1 (user) has content that is not text (array)'],
    [{ messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: null }] }, '"messages" message 2 (assistant) has content that is not text (null)'],
    [{ input: 'q' }, '"input" without "ideal"'],
    [{ ideal: 'a' }, '"ideal" without "input"'],
    [{ input: '', ideal: 'a' }, '"input" is empty'],
    [{ input: [], ideal: 'a' }, '"input" is empty'],
    [{ input: [{ role: 'user', content: 3 }], ideal: 'a' }, '"input" message 1 (user) has content that is not text (number)'],
    [{ input: 'q', ideal: '' }, '"ideal" is empty: nothing to score against'],
    [{ input: 'q', ideal: [] }, '"ideal" is empty: nothing to score against'],
    [{ input: 'q', ideal: ['a', ''] }, '"ideal" is empty: nothing to score against'],
    [{ input: 'q', ideal: ['a', 2] }, '"ideal" has an entry that is not text'],
    [{ input: 'q', ideal: { text: 'a' } }, '"ideal" is object, not text or a list of texts'],
    [{ input: 'q', ideal: 'a', id: '' }, '"id" is empty'],
    [{ input: 'q', ideal: 'a', id: ['x'] }, '"id" is array, not a name or number'],
  ];
  // Line 1 blank: the number counts it.
  for (const [line, message] of cases) {
    const path = suiteFile(['', line], 'bad.jsonl');
    expect(errorOf(path)).toBe(`${path}:2: ${message}`);
  }
});

test('a suite file holds one format; ids must differ', () => {
  const mixed = suiteFile([chat('q', 'a'), '', { input: 'q', ideal: 'a' }]);
  expect(errorOf(mixed)).toBe(`${mixed}:3: an OpenAI-evals line ("input", "ideal"), but line 1 is a chat line ("messages"); a suite file holds one format`);
  const mixedOther = suiteFile([{ input: 'q', ideal: 'a' }, chat('q', 'a')]);
  expect(errorOf(mixedOther)).toBe(`${mixedOther}:2: a chat line ("messages"), but line 1 is an OpenAI-evals line ("input", "ideal"); a suite file holds one format`);
  const twice = suiteFile([{ input: 'q', ideal: 'a', id: 'x' }, { input: 'q', ideal: 'a' }, { input: 'q', ideal: 'a', id: 'x' }]);
  expect(errorOf(twice)).toBe(`${twice}:3: id "x" is also line 1's; ids in a suite file must differ`);
  // An explicit id may not take the name another line gets from its place.
  const clash = suiteFile([{ input: 'q', ideal: 'a' }, { input: 'q', ideal: 'a', id: 'general.jsonl:1' }]);
  expect(errorOf(clash)).toBe(`${clash}:2: id "general.jsonl:1" is also line 1's; ids in a suite file must differ`);
});

test("the run's split as a suite: ids from meta.jsonl, the file's sha256, the scorers given", () => {
  const run = join(dir, 'run');
  mkdirSync(run);
  const lines = [chat('q1', 'A'), { chosen: 'dpo line, nothing to score' }, chat('q3', 'C')].map((l) => JSON.stringify(l));
  writeFileSync(join(run, 'validation.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(join(run, 'meta.jsonl'), ['t1:train', 'v1:validation', 'v2:validation', 'v3:validation'].map((m) => JSON.stringify({ id: m.split(':')[0], split: m.split(':')[1] })).join('\n') + '\n');
  const suite = splitSuite(run, 'validation', ['letter', 'exact']);
  expect({ ...suite, examples: suite.examples.map((e) => [e.id, e.line, e.references]) }).toEqual({
    name: 'validation',
    source: 'split',
    path: 'validation.jsonl',
    sha256: createHash('sha256').update(`${lines.join('\n')}\n`).digest('hex'),
    format: 'chat',
    examples: [
      ['v1', 1, ['A']],
      ['v3', 3, ['C']],
    ],
    scorers: ['letter', 'exact'],
  });
  // meta.jsonl out of step with the split (a torn last line): its ids cannot be trusted, so file:line names them.
  writeFileSync(join(run, 'meta.jsonl'), ['v1', 'v2'].map((id) => JSON.stringify({ id, split: 'validation' })).join('\n') + '\n');
  expect(splitSuite(run, 'validation', ['letter']).examples.map((e) => e.id)).toEqual(['validation.jsonl:1', 'validation.jsonl:3']);
  expect(() => splitSuite(run, 'test', ['letter'])).toThrow(`${join(run, 'test.jsonl')}: not found; the run has no test split`);
});
