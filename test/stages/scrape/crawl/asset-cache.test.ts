import { describe, expect, test } from 'vitest';
import { AssetCache, type Asset, type AssetRefusal } from '../../../../src/stages/scrape/crawl/asset-cache.js';

const asset = (bytes: number): Asset => ({ status: 200, headers: { 'content-type': 'text/css' }, body: Buffer.alloc(bytes, 97) });

/** A fetcher that records each URL it is asked for and answers when the test says so. */
const fetcher = () => {
  const asked: string[] = [];
  const pending = new Map<string, (value: Asset | AssetRefusal) => void>();
  const fetch = (url: string) => {
    asked.push(url);
    return new Promise<Asset | AssetRefusal>((resolve) => pending.set(url, resolve));
  };
  const answer = (url: string, value: Asset | AssetRefusal) => pending.get(url)!(value);
  return { asked, fetch, answer };
};

describe('AssetCache', () => {
  test('pages asking for one URL at once share the one fetch in flight, and later pages the kept copy', async () => {
    const f = fetcher();
    const cache = new AssetCache(f.fetch, 1000);
    const first = cache.get('http://a/site.css');
    const second = cache.get('http://a/site.css');
    f.answer('http://a/site.css', asset(10));
    expect((await first) === (await second)).toBe(true);
    expect(await cache.get('http://a/site.css')).toBe(await first);
    expect(f.asked).toEqual(['http://a/site.css']);
    expect(cache.counts).toEqual({ fetched: 1, shared: 2, disallowed: 0, failed: 0, skipped: 0, evicted: 0 });
  });

  test('a refusal (robots.txt) or a failed fetch is kept too: not asked for again by every page', async () => {
    const cache = new AssetCache(async (url) => {
      if (url.endsWith('tracker.js')) return 'disallowed';
      throw new Error('connection refused');
    });
    expect(await cache.get('http://a/tracker.js')).toBe('disallowed');
    expect(await cache.get('http://a/tracker.js')).toBe('disallowed');
    expect(await cache.get('http://a/down.js')).toBe('failed');
    expect(await cache.get('http://a/down.js')).toBe('failed');
    expect(cache.counts).toEqual({ fetched: 0, shared: 2, disallowed: 1, failed: 1, skipped: 0, evicted: 0 });
  });

  test('bodies stay under the byte cap: the least recently used go first, and one larger than the cap is not kept', async () => {
    const asked: string[] = [];
    const cache = new AssetCache(async (url) => {
      asked.push(url);
      return asset(url.endsWith('huge') ? 200 : 40);
    }, 100);
    await cache.get('http://a/1');
    await cache.get('http://a/2');
    await cache.get('http://a/1'); // now the most recently used
    await cache.get('http://a/3'); // 120 bytes: /2 goes
    expect(cache.heldBytes).toBe(80);
    await cache.get('http://a/1');
    await cache.get('http://a/2');
    await cache.get('http://a/huge');
    await cache.get('http://a/huge');
    expect(asked).toEqual(['http://a/1', 'http://a/2', 'http://a/3', 'http://a/2', 'http://a/huge', 'http://a/huge']);
    expect(cache.heldBytes).toBeLessThanOrEqual(100);
    expect(cache.counts).toMatchObject({ fetched: 6, shared: 2, evicted: 4 });
  });
});
