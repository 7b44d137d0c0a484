import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { pagePath, startCrawlSite } from '../../bench/crawl-site.js';

const SCRIPT = join(import.meta.dirname, '..', '..', 'bench', 'crawl-site.ts');

/** Same-origin paths linked from `html`; a regex is enough for the generator's own markup. */
const hrefs = (html: string): string[] => [...html.matchAll(/href="([^"]+)"/g)].map(([, href]) => href!);

describe('bench crawl site', () => {
  it('makes every page reachable from /, serves robots.txt and a sitemap of every page, and counts requests', async () => {
    const site = await startCrawlSite(50);
    try {
      const seen = new Set(['/']);
      const queue = ['/'];
      const bodies = new Map<string, string>();
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        const res = await fetch(site.origin + path);
        expect(res.status, path).toBe(200);
        const html = await res.text();
        bodies.set(path, html);
        for (const href of hrefs(html)) {
          if (!seen.has(href)) seen.add(href), queue.push(href);
        }
      }
      const expected = Array.from({ length: 50 }, (_, i) => pagePath(i));
      expect([...seen].sort()).toEqual(['/', ...expected].sort());
      const sizes = expected.map((p) => Buffer.byteLength(bodies.get(p)!));
      expect(Math.min(...sizes)).toBeGreaterThan(5000);
      expect(Math.max(...sizes)).toBeLessThan(11_000);

      const robots = await fetch(`${site.origin}/robots.txt`);
      expect(await robots.text()).toBe(`User-agent: *\nDisallow: /nowhere/\nSitemap: ${site.origin}/sitemap.xml\n`);
      const sitemap = await (await fetch(`${site.origin}/sitemap.xml`)).text();
      expect([...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])).toEqual([`${site.origin}/`, ...expected.map((p) => `${site.origin}${p}`)]);
      expect((await fetch(`${site.origin}/p/50.html`)).status).toBe(404);
      // Every request above, counted once, then the count starts over.
      const counts = { requests: seen.size + 3, conditional: 0, notModified: 0 };
      expect(await (await fetch(`${site.origin}/__requests`)).json()).toEqual(counts);
      expect(await (await fetch(`${site.origin}/__requests`)).json()).toEqual({ requests: 0, conditional: 0, notModified: 0 });
    } finally {
      await site.close();
    }
  });

  it('renders the same bytes for the same seed and answers conditional requests', async () => {
    const [a, b] = await Promise.all([startCrawlSite(20), startCrawlSite(20)]);
    try {
      const first = await fetch(`${a.origin}/p/7.html`);
      const etag = first.headers.get('etag')!;
      expect(await first.text()).toBe(await (await fetch(`${b.origin}/p/7.html`)).text());
      expect((await fetch(`${a.origin}/p/7.html`, { headers: { 'if-none-match': etag } })).status).toBe(304);
      expect(first.headers.get('last-modified')).toBe('Mon, 02 Nov 2026 10:00:00 GMT');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('runs as a child process: prints its origin, serves, and exits on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, '--pages', '5'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    // A child that dies before printing fails the test at once instead of waiting for the timeout.
    const firstLine = Promise.race([
      once(createInterface({ input: child.stdout }), 'line') as Promise<[string]>,
      exited.then(([code]) => Promise.reject(new Error(`crawl-site exited with ${code} before printing its origin`))),
    ]);
    try {
      const [line] = await firstLine;
      const { origin } = JSON.parse(line) as { origin: string };
      expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${origin}/p/4.html`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toEqual([0, null]);
  });
});
