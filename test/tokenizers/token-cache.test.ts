import { describe, expect, it, vi } from 'vitest';
import { CachingEncoder } from '../../src/tokenizers/token-cache.js';

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
    const enc = new CachingEncoder(inner, { maxEntries: 2, maxChars: 1000, maxStringChars: 100, maxCachedChars: 1000 });
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
    const enc = new CachingEncoder(spyEncoder(), { maxEntries: 100, maxChars: 10, maxStringChars: 10, maxCachedChars: 10 });
    enc.count('12345');
    enc.count('67890');
    enc.count('abc'); // 13 chars: the oldest goes
    expect(enc.size).toBe(2);
  });

  it('caches a long string only once it repeats among the last few, and never one past maxCachedChars', () => {
    const inner = spyEncoder();
    const enc = new CachingEncoder(inner, { maxEntries: 100, maxChars: 1000, maxStringChars: 4, maxCachedChars: 20 });
    for (const t of ['one-off text a', 'system prompt', 'one-off text b', 'system prompt', 'system prompt']) enc.count(t);
    // Seen, seen again (admitted, counted), then a hit.
    expect(inner.count).toHaveBeenCalledTimes(4);
    expect(enc.size).toBe(1);
    enc.count('far too long to keep at all');
    enc.count('far too long to keep at all');
    expect(inner.count).toHaveBeenCalledTimes(6);
  });
});
