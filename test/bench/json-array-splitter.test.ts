import { describe, expect, it } from 'vitest';
import { JsonArraySplitter } from '../../bench/json-array-splitter.js';

/** Splits `text` fed in chunks of `size` bytes and parses each element. */
const split = (text: string, size: number): unknown[] => {
  const bytes = Buffer.from(text, 'utf8');
  const splitter = new JsonArraySplitter();
  const out: unknown[] = [];
  const elements: Buffer[] = [];
  // One reused buffer, as the baseline reads: an element cut by a chunk's end must survive the next read.
  const chunk = Buffer.alloc(size);
  for (let off = 0; off < bytes.length; off += size) {
    const n = bytes.copy(chunk, 0, off, off + size);
    splitter.push(chunk.subarray(0, n), elements);
    for (const e of elements.splice(0)) out.push(JSON.parse(e.toString('utf8')));
  }
  splitter.end();
  return out;
};

describe('JsonArraySplitter', () => {
  const passages = [
    { id: 'p1', passage: 'Braces { and ] inside "quoted" text, a backslash \\ and é ünïcode', questions: [{ id: 'q1', options: ['A', 'B'] }] },
    { id: 'p2', passage: 'ends with a backslash \\', questions: [] },
    // One escaped quote: read as a real one, the } and ] after it would close the element early.
    { id: 'p3', passage: 'a lone " quote, then } and ] and {', questions: [] },
    [1, [2, { three: '}' }]],
  ];
  const text = `[\n${passages.map((p) => JSON.stringify(p)).join(',\n')}\n]\n`;

  it('gives every element whole whatever the chunk size, with strings holding brackets, escapes and multi-byte characters', () => {
    for (const size of [1, 2, 3, 7, 64, text.length * 2]) expect(split(text, size)).toEqual(passages);
  });

  it('refuses a file cut inside an element', () => {
    expect(() => split(text.slice(0, text.indexOf('p2') + 10), 16)).toThrow(/ended inside an element/);
  });
});
