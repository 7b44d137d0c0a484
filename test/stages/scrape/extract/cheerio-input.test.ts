import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { load } from 'cheerio';
import { describe, expect, test } from 'vitest';
import { extractPage, type CheerioLike } from '../../../../src/stages/scrape/extract/index.js';

const docsPage = readFileSync(new URL('./fixtures/docs-page.html', import.meta.url), 'utf8');
const url = 'https://docs.example.com/guide/install';
const options = { url, selectors: { remove: ['table'] } };

describe('a cheerio $ as input', () => {
  const fromString = extractPage(docsPage, options);

  test("a $ from cheerio's main entry (parse5, which adds html/head/body) gives what the string gives", () => {
    const $ = load(docsPage);
    expect(extractPage($, options)).toEqual(fromString);
    expect(fromString.markdown).not.toContain('| Platform');
  });

  test('the $ is left as it was: the boilerplate is still there for the caller', () => {
    const $ = load(docsPage);
    const before = $.html();
    extractPage($, options);
    expect($.html()).toBe(before);
    expect($('nav').length).toBe(2);
  });

  test("a $ from the cheerio 1.0.0-rc.12 that Crawlee's CheerioCrawler uses, loaded as Crawlee loads it", () => {
    // Crawlee bundles its own cheerio; resolve the copy @crawlee/cheerio itself loads (should Crawlee ever share
    // ours, this resolves to ours and the test still holds).
    const require = createRequire(import.meta.url);
    const crawleeCheerio = require(require.resolve('cheerio', { paths: [dirname(require.resolve('@crawlee/cheerio'))] })) as {
      load: (html: string, options: object) => CheerioLike;
    };
    const $ = crawleeCheerio.load(docsPage, { xmlMode: false, _useHtmlParser2: true });
    expect(extractPage($, options)).toEqual(fromString);
  });
});
