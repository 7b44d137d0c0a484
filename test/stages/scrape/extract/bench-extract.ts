/**
 * Extraction speed on a ~20 KB docs page: `npx tsx test/stages/scrape/extract/bench-extract.ts`. Not a
 * test (timings depend on the machine); the numbers go in the extract stage's notes.
 */
import { load } from 'cheerio/slim';
import { extractPage } from '../../../../src/stages/scrape/extract/index.js';

// A docs-like page of about 20 KB: header/nav/footer, a cookie banner, headings, paragraphs with inline
// markup and links, lists, code, a table.
function page(): string {
  const nav = Array.from({ length: 40 }, (_, i) => `<li><a href="/docs/page-${i}">Page ${i}</a></li>`).join('');
  const sections = Array.from({ length: 24 }, (_, i) => `
    <h2 id="s${i}">Section ${i} <a class="headerlink" href="#s${i}">¶</a></h2>
    <p>This is paragraph ${i} with <strong>bold</strong>, <em>emphasis</em>, <code>inline_code(${i})</code> and a
    <a href="../other/${i}.html">relative link</a> to somewhere else &amp; an entity. Lorem ipsum dolor sit amet,
    consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>
    <ul><li>First item with <a href="https://example.org/x${i}">external</a></li><li>Second item<ul><li>Nested</li></ul></li></ul>
    <pre><code class="language-ts">export function f${i}(x: number): number {
  return x * ${i};
}</code></pre>
    <table><tr><th>Name</th><th>Value</th></tr><tr><td>a</td><td>${i}</td></tr><tr><td>b</td><td>${i * 2}</td></tr></table>`).join('\n');
  return `<!doctype html><html lang="en"><head><title>Docs page</title><meta name="description" content="d">
  <link rel="canonical" href="/docs/page"><script>window.x = 1;</script><style>body{color:red}</style></head>
  <body><header><a href="/">Logo</a><nav><ul>${nav}</ul></nav></header>
  <div class="cookie-consent">We use cookies. <button>Accept</button></div>
  <main><article><h1>Docs page</h1>${sections}</article></main>
  <footer><p>© 2025</p><a href="/privacy">Privacy</a></footer><script src="/app.js"></script></body></html>`;
}

const html = page();
const url = 'https://docs.example.com/docs/page';
const ROUNDS = 10;
const PER_ROUND = 300;

/** Best round's µs per page: the machine is shared, and the minimum is the least disturbed estimate. */
function best(run: () => void): number {
  let min = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < PER_ROUND; i++) run();
    min = Math.min(min, Number(process.hrtime.bigint() - t0) / 1e3 / PER_ROUND);
  }
  return min;
}

for (let i = 0; i < 300; i++) extractPage(html, { url });
const parse = best(() => load(html));
const full = best(() => extractPage(html, { url }));
// Extraction alone, on a $ parsed once: extractPage leaves the $ as it was, so it can be reused.
const $ = load(html);
const extractOnly = best(() => extractPage($, { url }));
const out = extractPage(html, { url });
console.log(`page ${(html.length / 1024).toFixed(1)} KB, text ${out.text.length} chars, markdown ${out.markdown.length} chars, ${out.links.length} links`);
console.log(`parse ${parse.toFixed(0)} µs/page, parse+extract ${full.toFixed(0)} µs/page, extract from a parsed $ ${extractOnly.toFixed(0)} µs/page`);
