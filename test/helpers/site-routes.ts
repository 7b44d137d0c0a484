// The fixture site's dynamic behaviours: the parts a static file cannot express. Listed with the URLs
// that reach them in fixtures/site/README.md.

/** Pathname -> [status, target]: answered before any page lookup. */
export const REDIRECTS: ReadonlyMap<string, readonly [301 | 302, string]> = new Map([
  // A moved page: following it lands on a page that is also linked directly.
  ['/old/getting-started', [301, '/guide/getting-started.html']],
  // A loop: a crawler must give up on it rather than follow it forever.
  ['/loop/a', [302, '/loop/b']],
  ['/loop/b', [302, '/loop/a']],
]);

export interface FirstFailure {
  status: 500 | 429;
  headers: Record<string, string>;
}

/**
 * Pages whose first request (GET or HEAD, any query) fails; later ones serve the fixture file. The
 * count is per server, so every test's server starts with both failures still ahead.
 */
export const FAIL_FIRST: ReadonlyMap<string, FirstFailure> = new Map([
  ['/flaky.html', { status: 500, headers: {} }],
  ['/busy.html', { status: 429, headers: { 'retry-after': '1' } }],
]);

export const BIG_PAGE_PATH = 'big.html';
export const DEFAULT_BIG_PAGE_BYTES = 3_000_000;

/**
 * A valid docs-like page of at least `bytes` bytes (ASCII, so characters are bytes), for size caps.
 * Built from a counter rather than random text: deterministic and cheap.
 */
export const bigPageHtml = (bytes: number): string => {
  const head =
    '<!doctype html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n  <title>Complete debug log · Pelican Queue docs</title>\n</head>\n<body>\n  <main>\n    <h1>Complete debug log</h1>\n    <p>A full debug log from a consumer that kept failing, kept as an example of what to attach to a bug report.</p>\n';
  const tail = '  </main>\n</body>\n</html>\n';
  const lines = [head];
  let length = head.length + tail.length;
  for (let i = 1; length < bytes; i += 1) {
    const line = `    <p>debug ${String(i).padStart(7, '0')}: consumer ${i % 4} reserved message m-${(i * 7919) % 100_000} on attempt ${(i % 5) + 1} and released it after ${(i * 37) % 900} ms.</p>\n`;
    lines.push(line);
    length += line.length;
  }
  lines.push(tail);
  return lines.join('');
};
