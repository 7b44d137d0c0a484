import { describe, expect, it, vi } from 'vitest';
import { CachingEncoder } from '../../../src/stages/token-check/token-cache.js';

const spyEncoder = () => ({ count: vi.fn((s: string) => s.length) });

describe('CachingEncoder', () => {
  it('encodes a repeated string once', () => {
    const inner = spyEncoder();
    const enc = new CachingEncoder(inner);
    for (let i = 0; i < 100; i++) expect(enc.count('You are a helpful assistant.')).toBe(28);
    expect(inner.count).toHaveBeenCalledTimes(1);
    expect([enc.hits, enc.misses]).toEqual([99, 1]);
  });

  it('is bounded by entries, evicting the least recently used string', () => {
    const inner = spyEncoder();
    const enc = new CachingEncoder(inner, { maxEntries: 2, maxChars: 1000, maxStringChars: 100 });
    enc.count('system prompt');
    enc.count('a');
    enc.count('system prompt'); // used again: now the most recent
    enc.count('b'); // evicts 'a'
    expect(enc.size).toBe(2);
    enc.count('system prompt');
    enc.count('a');
    expect(inner.count.mock.calls.map((c) => c[0])).toEqual(['system prompt', 'a', 'b', 'a']);
  });

  it('is bounded by total characters', () => {
    const enc = new CachingEncoder(spyEncoder(), { maxEntries: 100, maxChars: 10, maxStringChars: 10 });
    enc.count('12345');
    enc.count('67890');
    enc.count('abc'); // 13 chars: the oldest goes
    expect(enc.size).toBe(2);
  });

  it('does not cache strings longer than maxStringChars', () => {
    const inner = spyEncoder();
    const enc = new CachingEncoder(inner, { maxEntries: 100, maxChars: 1000, maxStringChars: 4 });
    enc.count('long string');
    enc.count('long string');
    expect(inner.count).toHaveBeenCalledTimes(2);
    expect(enc.size).toBe(0);
  });
});
