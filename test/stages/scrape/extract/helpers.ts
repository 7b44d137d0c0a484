import { extractPage, type ExtractOptions, type ExtractedPage } from '../../../../src/stages/scrape/extract/index.js';

export const PAGE_URL = 'https://ex.com/dir/page';

/** Extracts a page whose body is `body`. */
export function extractBody(body: string, options: Partial<ExtractOptions> = {}): ExtractedPage {
  return extractPage(`<!DOCTYPE html><html><head><title>T</title></head><body>${body}</body></html>`, { url: PAGE_URL, ...options });
}

/** Markdown and text of a page whose body is `body`. */
export function convert(body: string, options: Partial<ExtractOptions> = {}): { markdown: string; text: string } {
  const { markdown, text } = extractBody(body, options);
  return { markdown, text };
}
