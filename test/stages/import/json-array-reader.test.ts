import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/pipeline/errors.js';
import { readJsonArray } from '../../../src/stages/import/json-array-reader.js';

async function* bytes(...chunks: string[]) {
  for (const c of chunks) yield new TextEncoder().encode(c);
}

const read = async (...chunks: string[]) => {
  const out: unknown[] = [];
  for await (const e of readJsonArray(bytes(...chunks), 'mem.json', 'questions')) out.push(e.value);
  return out;
};

const failure = async (...chunks: string[]): Promise<string> => {
  const error = await read(...chunks).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return (error as SourceError).message;
};

describe('readJsonArray', () => {
  it('parses each element, a multi-byte character split across chunks included', async () => {
    const text = '[{"a": "é"}, 2]';
    const encoded = new TextEncoder().encode(text);
    const at = encoded.indexOf(0xc3) + 1; // between the two bytes of é
    async function* split() {
      yield encoded.slice(0, at);
      yield encoded.slice(at);
    }
    const out: unknown[] = [];
    for await (const e of readJsonArray(split(), 'mem.json')) out.push(e.value);
    expect(out).toEqual([{ a: 'é' }, 2]);
  });

  it('drops a UTF-8 byte order mark', async () => {
    expect(await read('\ufeff[1]')).toEqual([1]);
  });

  it.each([
    ['', "line 1, column 1: expected '[' (the input must be a JSON array), found end of input"],
    ['{"id": 1}', "line 1, column 1: expected '[' (the input must be a JSON array), found '{'"],
    ['[\n  {"a": 1},\n]', "line 3, column 1: expected an array element, found ']'"],
    ['[{"a": 1}\n\n  {"b": 2}]', "line 3, column 3: expected ',' or ']' after an array element, found '{'"],
    ['[{"a": 1}] x', "line 1, column 12: expected end of input after the array, found 'x'"],
    ['[{"a": 1},\n', 'line 2, column 1: expected an array element, found end of input'],
    ['[1', "line 1, column 3: expected ',' or ']' after an array element, found end of input"],
    ['[,]', "line 1, column 2: expected a JSON value, found ','"],
    ['[{"a": [1, 2}]', "line 1, column 13: expected ',' or ']' after an array element, found '}'"],
    ['[{"a":\n  "open', `line 2, column 8: expected '"' to close the string, found end of input`],
    ['[\n {"a": "line\nbreak"}]', 'line 2, column 13: control character U+000A in a string (escape it)'],
    ['[{"a": tru}]', "line 1, column 11: expected 'true', found '}'"],
    ['[{"a": 1 "b": 2}]', `line 1, column 10: expected ',' or '}' after a property value, found '"'`],
    ['[{"a": 1, }]', "line 1, column 11: expected a property name in double quotes, found '}'"],
    ['[{"a": "\\x"}]', "line 1, column 9: invalid escape sequence '\\x' in a string"],
    ['[{"a": 01}]', "line 1, column 9: expected ',' or '}' after a property value, found '1'"],
    ['[\n  {"a": [1, 2,\n   3', "line 3, column 5: expected ',' or ']' after an array element, found end of input"],
  ])('%j stops with: %s', async (text, message) => {
    expect(await failure(text)).toBe(`mem.json: ${message}`);
    // The position does not depend on where chunks happen to end.
    if (text.length > 2) expect(await failure(text.slice(0, 2), text.slice(2))).toBe(`mem.json: ${message}`);
  });
});
