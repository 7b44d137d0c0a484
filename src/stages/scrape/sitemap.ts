/** Fetches one URL's text; 2xx bodies are parsed, anything else is skipped. */
export type FetchText = (url: string) => Promise<{ status: number; body: string }>;

const LOC = /<loc>\s*([^<]+?)\s*<\/loc>/gi;
const MAX_SITEMAPS = 50;

/**
 * Page URLs listed by sitemaps (sitemaps.org), following sitemap indexes. A sitemap that cannot
 * be read adds nothing: sitemaps only add starting points, the links are still followed.
 */
export const readSitemapUrls = async (sitemaps: readonly string[], fetchText: FetchText): Promise<string[]> => {
  const queue = [...sitemaps];
  const visited = new Set<string>();
  const pages: string[] = [];
  while (queue.length > 0 && visited.size < MAX_SITEMAPS) {
    const url = queue.shift()!;
    if (visited.has(url)) continue;
    visited.add(url);
    let body: string;
    try {
      const response = await fetchText(url);
      if (response.status < 200 || response.status >= 300) continue;
      body = response.body;
    } catch {
      continue;
    }
    const isIndex = /<sitemapindex[\s>]/i.test(body);
    for (const match of body.matchAll(LOC)) {
      const loc = decodeXml(match[1]!);
      (isIndex ? queue : pages).push(loc);
    }
  }
  return pages;
};

const decodeXml = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e as 'amp'] ?? '');
