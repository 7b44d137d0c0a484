import type { TokenEncoder } from './encoder.js';

export interface CacheLimits {
  /** Most strings kept. */
  maxEntries: number;
  /** Most characters kept across all strings (a UTF-16 string costs ~2 bytes a character). */
  maxChars: number;
  /** Longer strings are encoded every time: they rarely repeat and would crowd the cache out. */
  maxStringChars: number;
}

/** ~8 MB at most: enough for every system prompt, role and short answer of a dataset. */
export const DEFAULT_CACHE_LIMITS: CacheLimits = { maxEntries: 8192, maxChars: 4_000_000, maxStringChars: 1024 };

/**
 * Counts each repeated string once. Fine-tuning data repeats a lot (the same system prompt on every
 * example, one-letter answers, role names), so a string -> count map skips most encoder calls.
 * Least recently used strings are evicted first (a Map iterates in insertion order, and a hit is
 * re-inserted), so a system prompt seen on every example is never evicted by one-off user texts.
 */
export class CachingEncoder implements TokenEncoder {
  private readonly cache = new Map<string, number>();
  private chars = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly encoder: TokenEncoder,
    private readonly limits: CacheLimits = DEFAULT_CACHE_LIMITS,
  ) {}

  get size(): number {
    return this.cache.size;
  }

  count(text: string): number {
    if (text.length > this.limits.maxStringChars) return this.encoder.count(text);
    const hit = this.cache.get(text);
    if (hit !== undefined) {
      this.hits++;
      this.cache.delete(text);
      this.cache.set(text, hit);
      return hit;
    }
    this.misses++;
    const n = this.encoder.count(text);
    this.cache.set(text, n);
    this.chars += text.length;
    this.evict();
    return n;
  }

  private evict(): void {
    for (const oldest of this.cache.keys()) {
      if (this.cache.size <= this.limits.maxEntries && this.chars <= this.limits.maxChars) return;
      this.cache.delete(oldest);
      this.chars -= oldest.length;
    }
  }
}
