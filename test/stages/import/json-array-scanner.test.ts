import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/pipeline/errors.js';
import { JsonArrayScanner, type ArrayElement } from '../../../src/stages/import/json-array-scanner.js';

const scan = (chunks: string[]): ArrayElement[] => {
  const scanner = new JsonArrayScanner('mem.json', 'questions');
  const out: ArrayElement[] = [];
  for (const chunk of chunks) scanner.push(chunk, out);
  scanner.end(out);
  return out;
};

const failure = (chunks: string[]): string => {
  try {
    scan(chunks);
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    return (error as Error).message;
  }
  throw new Error('expected a SourceError');
};

// Escapes next to quotes, a "questions" key inside a nested object (not the passage's), another
// array of objects before the real one, a repeated key, and elements that are not objects.
const TEXT = [
  '[',
  '  {"id": "p1", "note": "a \\"quoted\\" \\\\ backslash\\\\", "other": [{"x": 1}],',
  '   "nested": {"questions": [{"no": 1}]},',
  '   "questions": [',
  '     {"id": "q1", "t": "\\u00e9\\\\"},',
  '     {"id": "q2", "t": "]}{["}',
  '   ]},',
  '  12.5e3 , "str\\"ing", true,null, [1, {"questions": [{}]}],',
  '  {"questions": [{"a": 1}], "questions": [',
  '{"b": 2},{"c": 3}]}',
  ']',
  '',
].join('\n');

describe('JsonArrayScanner', () => {
  const whole = scan([TEXT]);

  it('cuts the top-level array into element texts, with their lines and columns', () => {
    expect(whole.map((e) => [JSON.parse(e.text) as unknown, e.line, e.column])).toEqual([
      [JSON.parse(TEXT)[0], 2, 3],
      [12500, 8, 3],
      ['str"ing', 8, 12],
      [true, 8, 24],
      [null, 8, 29],
      [[1, { questions: [{}] }], 8, 35],
      [JSON.parse(TEXT)[6], 9, 3],
    ]);
  });

  it('notes the line of each object in the top-level "questions" array only (the last one, as JSON.parse keeps)', () => {
    expect(whole.map((e) => e.childLines)).toEqual([[5, 6], [], [], [], [], [], [10, 10]]);
  });

  it('gives the same result however the input is cut into chunks', () => {
    for (let at = 1; at < TEXT.length; at++) expect(scan([TEXT.slice(0, at), TEXT.slice(at)]), `split at ${at}`).toEqual(whole);
    expect(scan([...TEXT])).toEqual(whole);
  });

  it('reads an empty array and nothing after it but whitespace', () => {
    expect(scan(['  [ \n ]  \n'])).toEqual([]);
  });

  it('names the position of an unterminated element from its own text', () => {
    expect(failure(['[\n  {"a": [1, 2,\n', '   3'])).toBe("mem.json: line 3, column 5: expected ',' or ']' after an array element, found end of input");
  });
});
