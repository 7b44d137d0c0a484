import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BIG_PAGE_BYTES, SITE_ROOT, startSiteServer, type SiteServer } from './site-server.js';

let site: SiteServer;
beforeEach(async () => {
  site = await startSiteServer();
});
afterEach(() => site.close());

// Redirects are checked by hand so each hop shows up as its own response.
const get = (path: string, headers: Record<string, string> = {}) => fetch(site.url(path), { headers, redirect: 'manual' });

describe('static pages', () => {
  it('serves html, xml and txt with their content types, and directories through index.html', async () => {
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toContain('<div id="cookie-banner"');
    expect((await get('/sitemap.xml')).headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect((await get('/robots.txt')).headers.get('content-type')).toBe('text/plain; charset=utf-8');

    const withSlash = await (await get('/reference/')).text();
    expect(withSlash).toContain('<h1>API reference</h1>');
    expect(await (await get('/reference')).text()).toBe(withSlash);
  });

  it('serves one page under its query-string and absolute-URL variants', async () => {
    const plain = await (await get('/guide/install.html')).text();
    expect(await (await get('/guide/install.html?utm_source=newsletter')).text()).toBe(plain);
    expect(site.requests('/guide/install.html')).toHaveLength(1);
    expect(site.requestsIgnoringQuery('/guide/install.html')).toHaveLength(2);
  });

  it('replaces {{origin}} in every served file', async () => {
    const robots = await (await get('/robots.txt')).text();
    expect(robots).toContain('User-agent: *\nDisallow: /private/');
    expect(robots).toContain(`Sitemap: ${site.origin}/sitemap.xml`);
    const sitemap = await (await get('/sitemap.xml')).text();
    expect(sitemap).toContain(`<loc>${site.origin}/guide/orphan.html</loc>`);
    expect(sitemap).not.toContain('{{origin}}');
    expect(await (await get('/guide/install.html')).text()).toContain(`<link rel="canonical" href="${site.origin}/guide/install.html">`);
  });

  it('answers HEAD like GET without a body', async () => {
    const full = await get('/guide/install.html');
    const head = await fetch(site.url('/guide/install.html'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(full.headers.get('etag'));
    expect(head.headers.get('content-length')).toBe(full.headers.get('content-length'));
    expect(await head.text()).toBe('');
  });

  it('serves the JavaScript-only page with an empty <main>', async () => {
    const html = await (await get('/app.html')).text();
    expect(html).toContain('<main id="app"></main>');
    expect(html).toContain('This paragraph was rendered by JavaScript.');
  });
});

describe('conditional requests', () => {
  it('answers 304 to a matching If-None-Match and 200 to a stale one', async () => {
    const first = await get('/guide/install.html');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(first.headers.get('last-modified')).toBe('Mon, 02 Nov 2026 10:00:00 GMT');

    const again = await get('/guide/install.html', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect((await get('/guide/install.html', { 'if-none-match': `W/${etag}` })).status).toBe(304);
    expect((await get('/guide/install.html', { 'if-none-match': '"stale"' })).status).toBe(200);
    expect(site.requests('/guide/install.html').map((r) => [r.status, r.headers['if-none-match']])).toEqual([
      [200, undefined],
      [304, etag],
      [304, `W/${etag}`],
      [200, '"stale"'],
    ]);
  });

  it('uses If-Modified-Since only without If-None-Match', async () => {
    expect((await get('/', { 'if-modified-since': 'Mon, 02 Nov 2026 10:00:00 GMT' })).status).toBe(304);
    expect((await get('/', { 'if-modified-since': 'Mon, 02 Nov 2026 09:59:59 GMT' })).status).toBe(200);
    expect((await get('/', { 'if-modified-since': 'Mon, 02 Nov 2026 11:00:00 GMT', 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('gives a changed page a new ETag and a later, fixed Last-Modified', async () => {
    const before = await get('/guide/install.html');
    const etag = before.headers.get('etag')!;
    site.setPage('guide/install.html', site.page('/guide/install.html').replace('</main>', '<p>Rewritten, <a href="{{origin}}/">home</a>.</p></main>'));

    const after = await get('/guide/install.html', { 'if-none-match': etag, 'if-modified-since': 'Mon, 02 Nov 2026 10:00:00 GMT' });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.headers.get('last-modified')).toBe('Mon, 02 Nov 2026 11:00:00 GMT');
    const text = await after.text();
    expect(text).toContain(`<p>Rewritten, <a href="${site.origin}/">home</a>.</p></main>`);
    expect(text).toContain('<h1>Installing Pelican Queue</h1>');
    // Only the changed page moves; the fixture file itself is untouched.
    expect((await get('/')).headers.get('last-modified')).toBe('Mon, 02 Nov 2026 10:00:00 GMT');
    expect(readFileSync(join(SITE_ROOT, 'guide', 'install.html'), 'utf8')).toContain('<h1>Installing Pelican Queue</h1>');
  });

  it('adds and removes pages, each server with its own copy', async () => {
    site.setPage('/guide/new.html', '<html lang="en"><main><h1>New page</h1></main></html>');
    expect((await get('/guide/new.html')).status).toBe(200);
    site.removePage('guide/retries.html');
    expect((await get('/guide/retries.html')).status).toBe(404);
    expect(site.pages()).not.toContain('guide/retries.html');
    expect(() => site.page('guide/retries.html')).toThrow('no page guide/retries.html');

    const other = await startSiteServer();
    try {
      expect((await fetch(other.url('/guide/retries.html'))).status).toBe(200);
      expect((await fetch(other.url('/guide/new.html'))).status).toBe(404);
    } finally {
      await other.close();
    }
  });
});

describe('failures and redirects', () => {
  it('fails /flaky.html with 500 and /busy.html with 429 once, then serves them', async () => {
    expect((await get('/flaky.html')).status).toBe(500);
    expect((await get('/flaky.html')).status).toBe(200);
    const busy = await get('/busy.html');
    expect(busy.status).toBe(429);
    expect(busy.headers.get('retry-after')).toBe('1');
    const later = await get('/busy.html');
    expect(later.status).toBe(200);
    expect(await later.text()).toContain('<h1>Benchmarks</h1>');
  });

  it('redirects the old getting-started URL permanently', async () => {
    const moved = await get('/old/getting-started');
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/guide/getting-started.html');
    const followed = await fetch(site.url('/old/getting-started'));
    expect(followed.url).toBe(site.url('/guide/getting-started.html'));
    expect(await followed.text()).toContain('<h1>Getting started</h1>');
  });

  it('loops /loop/a and /loop/b until the client gives up', async () => {
    expect((await get('/loop/a')).headers.get('location')).toBe('/loop/b');
    expect((await get('/loop/b')).headers.get('location')).toBe('/loop/a');
    site.resetLog();
    await expect(fetch(site.url('/loop/a'))).rejects.toThrow();
    // fetch follows 20 redirects, then fails: 21 requests alternating between the two.
    expect(site.log).toHaveLength(21);
    expect(site.log.every((r) => r.status === 302)).toBe(true);
  });

  it('answers unknown paths, and files it does not serve, with an HTML 404', async () => {
    const missing = await get('/missing.html');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await missing.text()).toContain('Not found');
    expect((await get('/README.md')).status).toBe(404);
    expect((await get('/guide/')).status).toBe(404);
    expect((await get('/%E0%A4%A')).status).toBe(404);
    expect((await get('//guide/install.html')).status).toBe(404);
  });

  it('generates /big.html above the size cap, or at the size asked for', async () => {
    const big = await get('/big.html');
    expect(Number(big.headers.get('content-length'))).toBeGreaterThanOrEqual(DEFAULT_BIG_PAGE_BYTES);
    expect((await big.text()).trimEnd().endsWith('</html>')).toBe(true);

    const small = await startSiteServer({ bigPageBytes: 10_000 });
    try {
      const length = Number((await fetch(small.url('/big.html'))).headers.get('content-length'));
      expect(length).toBeGreaterThanOrEqual(10_000);
      expect(length).toBeLessThan(10_300);
    } finally {
      await small.close();
    }
  });

  it('rejects methods other than GET and HEAD', async () => {
    const post = await fetch(site.url('/'), { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('log', () => {
  it('records every request in order, with method, path, status and request headers', async () => {
    await get('/robots.txt', { 'user-agent': 'tuneset-test' });
    await get('/sitemap.xml');
    await fetch(site.url('/guide/install.html?utm_source=newsletter'), { method: 'HEAD' });
    await get('/missing.html');
    expect(site.log.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/robots.txt', 200],
      ['GET', '/sitemap.xml', 200],
      ['HEAD', '/guide/install.html?utm_source=newsletter', 200],
      ['GET', '/missing.html', 404],
    ]);
    expect(site.log[0]?.headers['user-agent']).toBe('tuneset-test');
    site.resetLog();
    expect(site.log).toEqual([]);
  });
});

describe('fixture files', () => {
  const htmlFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
    );

  it('has the shared chrome on every page and links the orphan from none', () => {
    const files = htmlFiles(SITE_ROOT);
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) {
      const html = readFileSync(file, 'utf8');
      expect(html, file).toContain('<html lang="en">');
      expect(html, file).toMatch(/<title>[^<]+<\/title>/);
      expect(html, file).toContain('<div id="cookie-banner"');
      expect(html, file).toContain('<nav class="site-nav"');
      expect(html, file).toContain('<footer class="site-footer">');
      // Its own canonical <link> names it; no <a> anywhere may.
      expect(html, file).not.toMatch(/<a\s[^>]*href="[^"]*orphan/);
    }
  });
});

describe('link graph', () => {
  // The map fixtures/site/README.md documents: every same-origin link target reachable from `/`
  // (fragments dropped, queries kept) and the status of its first request. Redirects are not
  // followed, so each hop's own status shows; /private/ is left out as robots.txt asks.
  it('reaches exactly the documented URLs from / by links alone', async () => {
    const statuses = new Map<string, number>();
    const offSite = new Set<string>();
    const queue = ['/'];
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      const res = await get(path);
      statuses.set(path, res.status);
      if (res.status !== 200) continue;
      for (const [, href] of (await res.text()).matchAll(/<a\s[^>]*href="([^"]*)"/g)) {
        const target = new URL(href!, site.url(path));
        if (target.origin !== site.origin) offSite.add(target.href);
        else if (target.pathname.startsWith('/private/')) statuses.set(target.pathname, 0);
        else if (!statuses.has(target.pathname + target.search) && !queue.includes(target.pathname + target.search)) queue.push(target.pathname + target.search);
      }
    }
    expect(Object.fromEntries([...statuses].sort(([a], [b]) => a.localeCompare(b)))).toEqual({
      '/': 200,
      '/app.html': 200,
      '/big.html': 200,
      '/busy.html': 429,
      '/flaky.html': 500,
      '/guide/consumers.html': 200,
      '/guide/getting-started.html': 200,
      '/guide/install.html': 200,
      '/guide/install.html?utm_source=newsletter': 200,
      '/guide/retries.html': 200,
      '/guide/troubleshooting.html': 200,
      '/loop/a': 302,
      '/missing.html': 404,
      '/old/getting-started': 301,
      '/private/secret.html': 0, // linked, never fetched
      '/reference': 200,
      '/reference/': 200,
      '/reference/config.html': 200,
      '/reference/queue.html': 200,
    });
    expect([...offSite].sort()).toEqual(['https://git.pelican-queue.example/pelican/queue', 'mailto:maintainers@pelican-queue.example']);
  });
});
