/** A stylesheet, script or XHR answer as a rendered page gets it: what the server said, ready to hand to chromium. */
export interface Asset {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Why an asset is not served: robots.txt disallows it, or fetching it failed (network error, over the size cap). */
export type AssetRefusal = 'disallowed' | 'failed';

/** What the crawl's renders asked for, for `reports.scrape.assets`. */
export interface AssetCounts {
  /** Assets fetched, whatever their status (one request per URL, unless evicted and asked for again). */
  fetched: number;
  /** Asset requests of rendered pages answered from the cache or from a fetch already in flight. */
  shared: number;
  /** Not fetched: robots.txt disallows them. */
  disallowed: number;
  /** Fetches that failed (network error, over `maxPageBytes`); the page renders without them. */
  failed: number;
  /** Requests aborted without fetching: images, fonts and media not asked for, frames, beacons, non-GET. */
  skipped: number;
  /** Fetched assets dropped to stay under the cache's byte cap (each is fetched again if asked for). */
  evicted: number;
}

export const emptyAssetCounts = (): AssetCounts => ({ fetched: 0, shared: 0, disallowed: 0, failed: 0, skipped: 0, evicted: 0 });

/** Total asset bytes one crawl keeps: the stylesheets and scripts of a documentation site are a few MB. */
export const ASSET_CACHE_BYTES = 64 * 1024 * 1024;

type Entry = { state: 'pending'; promise: Promise<Asset | AssetRefusal> } | { state: 'done'; value: Asset | AssetRefusal; bytes: number };

/**
 * The assets of one crawl's renders, by URL: every rendered page that uses the same stylesheet gets
 * the one copy, and pages rendering at once share the one fetch in flight. Memory is bounded by
 * `maxBytes` of bodies: past it the least recently used are dropped (and counted), so a site with
 * more assets than that fetches some twice rather than holding them all. Refusals are kept too: a
 * disallowed or failing script is not asked for again by every page.
 */
export class AssetCache {
  readonly counts: AssetCounts = emptyAssetCounts();
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly fetchAsset: (url: string) => Promise<Asset | AssetRefusal>,
    private readonly maxBytes = ASSET_CACHE_BYTES,
  ) {}

  async get(url: string): Promise<Asset | AssetRefusal> {
    const entry = this.entries.get(url);
    if (entry) {
      this.counts.shared++;
      if (entry.state === 'pending') return entry.promise;
      // Most recently used last: Map order is the eviction order.
      this.entries.delete(url);
      this.entries.set(url, entry);
      return entry.value;
    }
    const promise = this.fetchAsset(url).catch((): AssetRefusal => 'failed');
    this.entries.set(url, { state: 'pending', promise });
    const value = await promise;
    this.counts[typeof value === 'string' ? value : 'fetched']++;
    this.keep(url, value);
    return value;
  }

  /** Bytes of bodies held now. */
  get heldBytes(): number {
    return this.bytes;
  }

  private keep(url: string, value: Asset | AssetRefusal): void {
    const bytes = typeof value === 'string' ? 0 : value.body.length;
    if (bytes > this.maxBytes) {
      // Larger than the whole cache: served to the pages waiting for it, not kept.
      this.entries.delete(url);
      this.counts.evicted++;
      return;
    }
    this.entries.set(url, { state: 'done', value, bytes });
    this.bytes += bytes;
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      if (entry.state !== 'done' || entry.bytes === 0) continue;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
      this.counts.evicted++;
    }
  }
}
