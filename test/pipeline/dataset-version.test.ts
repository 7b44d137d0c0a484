import { describe, expect, it } from 'vitest';
import { DatasetHasher } from '../../src/pipeline/dataset-version.js';

const version = (lines: [string, string][]) => {
  const h = new DatasetHasher();
  for (const [split, line] of lines) h.see(split, line);
  return h.finish();
};

describe('DatasetHasher', () => {
  it('gives the same hash whatever order the examples were written in', () => {
    const a = version([['train', '{"a":1}'], ['train', '{"a":2}'], ['validation', '{"a":3}']]);
    const b = version([['validation', '{"a":3}'], ['train', '{"a":2}'], ['train', '{"a":1}']]);
    expect(b).toEqual(a);
    expect(a.examples).toBe(3);
    expect(a.splits).toEqual({ train: { hash: expect.stringMatching(/^[0-9a-f]{64}$/), examples: 2 }, validation: { hash: expect.stringMatching(/^[0-9a-f]{64}$/), examples: 1 } });
  });

  it('changes when an example changes, moves to another split, or is repeated', () => {
    const base = version([['train', '{"a":1}'], ['train', '{"a":2}']]).hash;
    expect(version([['train', '{"a":1}'], ['train', '{"a":9}']]).hash).not.toBe(base);
    expect(version([['train', '{"a":1}'], ['validation', '{"a":2}']]).hash).not.toBe(base);
    // A repeated line counts twice instead of cancelling out (as XOR would).
    expect(version([['train', '{"a":1}'], ['train', '{"a":2}'], ['train', '{"a":2}'], ['train', '{"a":2}']]).hash).not.toBe(base);
    expect(version([['train', '{"a":1}'], ['train', '{"a":1}']]).hash).not.toBe(version([]).hash);
  });
});
