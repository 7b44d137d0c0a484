/** Fetches one URL's text; 2xx bodies are parsed, anything else is reported. */
export type FetchText = (url: string) => Promise<{ status: number; body: string }>;

/** A sitemap that added nothing, and why, for `reports.scrape.sitemapErrors`. */
export interface SitemapError {
  url: string;
  reason: string;
}

const LOC = /<loc>\s*([^<]+?)\s*<\/loc>/gi;
const MAX_SITEMAPS = 50;

/**
 * Page URLs listed by sitemaps (sitemaps.org), following sitemap indexes. A sitemap that cannot be
 * fetched or parsed adds nothing but an error: sitemaps only add starting points, the links are
 * still followed, yet pages only a sitemap lists would go missing without a word.
 */
export const readSitemapUrls = async (sitemaps: readonly string[], fetchText: FetchText): Promise<{ pages: string[]; errors: SitemapError[] }> => {
  const queue = [...sitemaps];
  const visited = new Set<string>();
  const pages: string[] = [];
  const errors: SitemapError[] = [];
  while (queue.length > 0 && visited.size < MAX_SITEMAPS) {
    const url = queue.shift()!;
    if (visited.has(url)) continue;
    visited.add(url);
    let body: string;
    try {
      const response = await fetchText(url);
      if (response.status < 200 || response.status >= 300) {
        errors.push({ url, reason: `could not be fetched: HTTP ${response.status}` });
        continue;
      }
      body = response.body;
    } catch (error) {
      errors.push({ url, reason: `could not be fetched: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    const isIndex = /<sitemapindex[\s>]/i.test(body);
    if (!isIndex && !/<urlset[\s>]/i.test(body)) {
      errors.push({ url, reason: 'could not be parsed: neither a <urlset> nor a <sitemapindex> document' });
      continue;
    }
    for (const match of body.matchAll(LOC)) {
      const loc = decodeXml(match[1]!);
      (isIndex ? queue : pages).push(loc);
    }
  }
  const unread = queue.filter((u) => !visited.has(u));
  if (unread.length > 0) errors.push({ url: unread[0]!, reason: `not read: at most ${MAX_SITEMAPS} sitemaps are read, and ${unread.length} more were listed` });
  return { pages, errors };
};

const decodeXml = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e as 'amp'] ?? '');
