import { z } from 'zod';
import { dropReasons } from '../../pipeline/drop-codes.js';
import type { Item } from '../../pipeline/item.js';
import { defineStage, type Stage } from '../../pipeline/stage.js';
import { splitSections } from '../scrape/extract/index.js';
import type { ScrapedPage } from '../scrape/scrape.js';

/** One section of a crawled page: the `data` of every item this stage yields. */
export interface PageSection {
  pageUrl: string;
  pageTitle: string;
  heading: string;
  /** The headings above this one, outermost first. */
  path: string[];
  text: string;
  markdown: string;
}

export const SectionsOptions = z.strictObject({
  maxLevel: z.int().min(1).max(6).default(3).describe('Headings up to this level start a section; deeper ones stay inside it.'),
  minChars: z
    .int()
    .min(0)
    .default(80)
    .describe('Sections with less text than this are dropped as `short_section` (a heading with one line says little).'),
});

export const SECTIONS_DROP_CODES = {
  no_sections: 'a page whose markdown has no section at all',
  short_section: 'a section with less text than `minChars`; detail: its length and the minimum',
} as const;

const reason = dropReasons(SECTIONS_DROP_CODES);

const slug = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '') || 'section';

/**
 * Splits each page into its sections by heading. A page of 3 sections is 1 in, 2 expanded, 3 out;
 * sections keep the page as their group, so no page is split across train and validation. Text
 * before the first heading becomes a section headed by the page title. Drop codes: `no_sections`,
 * `short_section`.
 */
export const sections = defineStage('sections', SectionsOptions, (opts) => ({
  async *run(input: AsyncIterable<Item<ScrapedPage>>, ctx) {
    for await (const page of input) {
      const found = splitSections(page.data.markdown, { maxLevel: opts.maxLevel });
      if (found.length === 0) {
        ctx.drop(page, reason('no_sections'));
        continue;
      }
      const used = new Map<string, number>();
      for (const [k, s] of found.entries()) {
        if (k > 0) ctx.countExpanded(1);
        const heading = s.heading || page.data.title;
        const base = slug(heading);
        const n = (used.get(base) ?? 0) + 1;
        used.set(base, n);
        const item: Item<PageSection> = {
          id: `${page.id}#${n === 1 ? base : `${base}-${n}`}`,
          group: page.group ?? page.id,
          source: page.source,
          data: { pageUrl: page.data.url, pageTitle: page.data.title, heading, path: s.path, text: s.text, markdown: s.markdown },
          meta: { ...page.meta, heading },
        };
        if (s.text.trim().length < opts.minChars) {
          ctx.drop(item, reason('short_section', { chars: s.text.trim().length, min: opts.minChars }));
          continue;
        }
        yield item;
      }
    }
  },
})) as (options?: z.input<typeof SectionsOptions>) => Stage<ScrapedPage, PageSection>;
