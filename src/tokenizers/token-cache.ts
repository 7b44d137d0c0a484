import type { TokenEncoder } from './tiktoken-encoder.js';

export interface CacheLimits {
  /** Most strings kept. */
  maxEntries: number;
  /** Most characters kept across all strings (a UTF-16 string costs ~2 bytes a character). */
  maxChars: number;
  /** Longer strings enter the cache only when seen again soon (a long system prompt); one-off long texts would crowd it out. */
  maxStringChars: number;
  /** Strings longer than this are always encoded. */
  maxCachedChars: number;
}

/** ~8 MB at most: enough for every system prompt, role and short answer of a dataset. */
export const DEFAULT_CACHE_LIMITS: CacheLimits = { maxEntries: 8192, maxChars: 4_000_000, maxStringChars: 1024, maxCachedChars: 32_768 };

/**
 * Counts each repeated string once. Fine-tuning data repeats a lot (the same system prompt on every
 * example, one-letter answers, role names), so a string -> count map skips most encoder calls.
 * Least recently used strings are evicted first (a Map iterates in insertion order, and a hit is
 * re-inserted), so a system prompt seen on every example is never evicted by one-off user texts.
 */
const RECENT_LONG = 4;

export class CachingEncoder implements TokenEncoder {
  private readonly cache = new Map<string, number>();
  private chars = 0;
  // The last few long strings: one seen again among them is admitted (a long system prompt repeats
  // in every example; one-off user texts never do).
  private readonly recentLong: string[] = [];
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
    if (text.length > this.limits.maxCachedChars) return this.encoder.count(text);
    if (text.length > this.limits.maxStringChars && !this.cache.has(text) && !this.seenRecently(text)) return this.encoder.count(text);
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

  private seenRecently(text: string): boolean {
    if (this.recentLong.includes(text)) return true;
    this.recentLong.push(text);
    if (this.recentLong.length > RECENT_LONG) this.recentLong.shift();
    return false;
  }

  private evict(): void {
    for (const oldest of this.cache.keys()) {
      if (this.cache.size <= this.limits.maxEntries && this.chars <= this.limits.maxChars) return;
      this.cache.delete(oldest);
      this.chars -= oldest.length;
    }
  }
}
