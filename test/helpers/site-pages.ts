// The fixture site's pages, held in memory: loaded once from disk, then mutated only in memory so a
// test's setPage/removePage never touches the fixture files or another server's copy.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { contentTypeOf, etagOf, lastModifiedAfter } from './site-http.js';

export interface SitePage {
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: string;
}

/** Every servable file (html, xml, txt) under `root` as text, keyed by its path relative to root with `/` separators. */
export const readSiteFiles = (root: string): Map<string, string> => {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (contentTypeOf(entry.name) !== undefined) files.set(relative(root, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  if (files.size === 0) throw new Error(`no html, xml or txt files under ${root}`);
  return files;
};

/** 'guide/install.html' and '/guide/install.html' name the same page. */
const key = (path: string): string => path.replace(/^\/+/, '');

export class SitePages {
  readonly #pages = new Map<string, SitePage>();
  readonly #origin: string;
  /** Mutations so far: each one dates its page an hour later than the last, without the wall clock. */
  #mutations = 0;

  constructor(origin: string, files: ReadonlyMap<string, string>) {
    this.#origin = origin;
    for (const [path, text] of files) this.#put(path, text, 0);
  }

  /** Replaces or adds a page; `{{origin}}` in it is substituted like in the fixture files. */
  set(path: string, text: string): void {
    this.#mutations += 1;
    this.#put(key(path), text, this.#mutations);
  }

  remove(path: string): void {
    if (!this.#pages.delete(key(path))) throw new Error(`no page ${path} to remove`);
    this.#mutations += 1;
  }

  /** The page's current text as served (origin already substituted). */
  text(path: string): string {
    const page = this.#pages.get(key(path));
    if (!page) throw new Error(`no page ${path}`);
    return page.body.toString('utf8');
  }

  paths(): string[] {
    return [...this.#pages.keys()].sort();
  }

  /**
   * The page for a URL pathname: `/` and `/reference/` serve the directory's index.html, and
   * `/reference` serves it too (no redirect, so relative links on index pages must be root-relative).
   */
  resolve(pathname: string): SitePage | undefined {
    let path: string;
    try {
      path = decodeURIComponent(pathname).slice(1);
    } catch {
      return undefined; // malformed percent-encoding names no page
    }
    if (path === '' || path.endsWith('/')) return this.#pages.get(`${path}index.html`);
    return this.#pages.get(path) ?? this.#pages.get(`${path}/index.html`);
  }

  #put(path: string, text: string, hoursAfterBase: number): void {
    const contentType = contentTypeOf(path);
    if (contentType === undefined) throw new Error(`${path}: the site serves only .html, .xml and .txt`);
    const body = Buffer.from(text.replaceAll('{{origin}}', this.#origin));
    this.#pages.set(path, { body, contentType, etag: etagOf(body), lastModified: lastModifiedAfter(hoursAfterBase) });
  }
}
