import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import type { Item } from '../../../src/pipeline/item.js';
import { extractPage } from '../../../src/stages/scrape/extract/index.js';
import type { ScrapedPage } from '../../../src/stages/scrape/scrape.js';
import { sections } from '../../../src/stages/sections/sections.js';
import { item, runStage } from '../../helpers/run-stage.js';

const URL_OF_PAGE = 'https://docs.example.com/lib/kettle.html';

/** A fixture page of the extraction tests, as scrape would yield it. */
const scraped = (name: string): Item<ScrapedPage> => {
  const html = readFileSync(new URL(`../scrape/extract/fixtures/permalinks/${name}.html`, import.meta.url), 'utf8');
  const { links: _links, ...page } = extractPage(html, { url: URL_OF_PAGE });
  return item(`${URL_OF_PAGE}?${name}`, { ...page, url: URL_OF_PAGE });
};

test('section headings, paths and ids of generated docs carry no permalink (¶, zero-width hash-link, §) and no link markup', async () => {
  const { out, counters } = await runStage(sections({ maxLevel: 3, minChars: 0 }), [scraped('sphinx'), scraped('docusaurus'), scraped('rustdoc')]);
  expect(out.map((s) => [s.id.replace(URL_OF_PAGE, ''), s.data.heading, s.data.path, s.meta.heading])).toEqual([
    ['?sphinx#kettle-boil-water-on-demand', 'kettle — Boil water on demand', [], 'kettle — Boil water on demand'],
    ['?sphinx#kettleparser-objects', 'KettleParser objects', ['kettle — Boil water on demand'], 'KettleParser objects'],
    ['?docusaurus#installation', 'Installation', [], 'Installation'],
    ['?docusaurus#plug-it-in', 'Plug it in', ['Installation'], 'Plug it in'],
    ['?docusaurus#travel-adapters', 'Travel adapters', ['Installation', 'Plug it in'], 'Travel adapters'],
    ['?rustdoc#struct-kettle', 'Struct Kettle', [], 'Struct Kettle'],
    ['?rustdoc#examples', 'Examples', ['Struct Kettle'], 'Examples'],
    ['?rustdoc#implementations', 'Implementations', ['Struct Kettle'], 'Implementations'],
  ]);
  // The answer side too: the definition's pilcrow is gone from the section's text and markdown.
  expect(out[1]?.data.text).toBe('class kettle.KettleParser\n\nReads a brewing schedule from text.\n\nparse(text)\n\nReturns the steps of the schedule, in order.\n\nschedule.txt\n\nboil 100\nsteep 4m');
  expect(out[1]?.data.markdown.startsWith('*class* kettle.KettleParser\n\nReads a brewing schedule from text.\n\nparse(*text*)\n\n')).toBe(true);
  expect(counters).toMatchObject({ in: 3, expanded: 5, out: 8 });
});
