import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { eachAppendOnlyJsonl, readAppendOnlyJsonl, type ReadAppendOnlyJsonlOptions } from '../../src/pipeline/append-only-jsonl.js';

interface Row {
  n: number;
}
const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && typeof (v as { n?: unknown }).n === 'number';
const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'tuneset-journal-')), 'journal.jsonl');
  writeFileSync(path, text);
  return path;
};
const options = (repair: boolean): ReadAppendOnlyJsonlOptions<Row> => ({ check: isRow, what: 'a row', remedy: 'Delete it to start over.', repair });

// The whole file at once, and streamed in chunks so small that lines, and the bytes of a
// character, fall across them: both must read alike.
const readers = {
  'whole file': (path: string, repair = false) => readAppendOnlyJsonl(path, options(repair)),
  ...Object.fromEntries(
    [1, 2, 3, 7].map((chunk) => [
      `${chunk}-byte chunks`,
      (path: string, repair = false) => {
        const values: Row[] = [];
        const { values: count, tornLines } = eachAppendOnlyJsonl(path, options(repair), (v) => values.push(v), chunk);
        expect(count).toBe(values.length);
        return { values, tornLines };
      },
    ]),
  ),
};

describe.each(Object.entries(readers))('%s', (_, read) => {

  test('whole lines are read in order; blank lines are skipped; a missing file is empty', () => {
    expect(read(file('{"n":1}\n\n{"n":2}\n'))).toEqual({ values: [{ n: 1 }, { n: 2 }], tornLines: 0 });
    expect(read(file('{"n":1,"s":"\u00e9\u{1F600}"}\n{"n":2}\n'))).toEqual({ values: [{ n: 1, s: '\u00e9\u{1F600}' }, { n: 2 }], tornLines: 0 });
    expect(read(join(tmpdir(), 'tuneset-no-such-journal.jsonl'))).toEqual({ values: [], tornLines: 0 });
  });

  test('a last line without its newline is torn: skipped, counted, and cut off when repairing', () => {
    const path = file('{"n":1}\n{"n":2}\n{"n":');
    expect(read(path)).toEqual({ values: [{ n: 1 }, { n: 2 }], tornLines: 1 });
    expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":');
    expect(read(path, true)).toEqual({ values: [{ n: 1 }, { n: 2 }], tornLines: 1 });
    expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n{"n":2}\n');
    // Complete JSON without its newline was still not finished by its writer.
    expect(read(file('{"n":1}\n{"n":2}'))).toEqual({ values: [{ n: 1 }], tornLines: 1 });
  });

  test('an unparsable last line is torn even with a newline, and repairing cuts it at its start', () => {
    const path = file('{"n":1}\n{"n":\u00e9\n\n');
    expect(read(path, true)).toEqual({ values: [{ n: 1 }], tornLines: 1 });
    expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n');
    expect(read(file('{"n"\n'), true)).toEqual({ values: [], tornLines: 1 });
  });

  test('a broken line that is not the last is an error naming the file and the line', () => {
    const path = file('{"n":1}\n{"n":\n{"n":3}\n');
    expect(() => read(path)).toThrow(`${path}: line 2 is not valid JSON (`);
    expect(() => read(path)).toThrow(/so the file is damaged or was edited\. Delete it to start over\.$/);
    // A torn line an append was glued to, then more lines: line 2 is in the middle now.
    expect(() => read(file('{"n":1}\n{"n":{"n":2}\n{"n":3}\n'))).toThrow(/: line 2 is not valid JSON/);
    // Torn tail plus a broken last whole line: only one of them can be the torn one.
    expect(() => read(file('{"n":1}\n{"n":\n{"n'))).toThrow(/: line 2 is not valid JSON/);
  });

  test('a line of the wrong shape is an error wherever it is', () => {
    const path = file('{"n":1}\n{"m":2}\n');
    expect(() => read(path)).toThrow(`${path}: line 2 is not a row, so the file is damaged or was edited. Delete it to start over.`);
  });
});
