import { textOf, type DomElement, type DomNode } from './dom.js';
import type { Resolve } from './links.js';

/**
 * Classes documentation generators give their permalink anchors: Sphinx and MkDocs `headerlink`,
 * Docusaurus `hash-link`, Jupyter/nbconvert `anchor-link`, VitePress `header-anchor`, AnchorJS
 * `anchorjs-link`, rustdoc `doc-anchor`. Such a link to the page itself is never content, whatever its
 * text (Sphinx's and MkDocs' permalink text is configurable).
 */
const PERMALINK_CLASSES = new Set(['headerlink', 'hash-link', 'anchor-link', 'header-anchor', 'heading-anchor', 'anchorjs-link', 'doc-anchor']);
/** GitHub's and rustdoc's `anchor` is too common a class name to trust alone: its text must be a symbol too. */
const WEAK_CLASS = 'anchor';
/** What a permalink shows, once spaces and invisible characters are gone. */
const PERMALINK_TEXT = new Set(['', '#', '¶', '§', '🔗', '∞']);
// Docusaurus's hash-link holds a zero-width space; emoji carry variation selectors. `\s` covers neither.
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF\uFE0E\uFE0F]+/g;

/** Whether an href leads to the page itself: a bare fragment, or a URL that is the page's own apart from its fragment. */
export type SamePage = (href: string) => boolean;

/** `pageUrl` is the page's final URL; other hrefs are compared after resolving them as the page does. */
export function makeSamePage(pageUrl: string, resolve: Resolve): SamePage {
  const page = withoutFragment(pageUrl);
  return (href) => {
    if (href.trimStart().startsWith('#')) return true;
    const url = resolve(href);
    return url !== undefined && withoutFragment(url) === page;
  };
}

const withoutFragment = (url: string): string => {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
};

/** Whether the text under `node` is only a permalink symbol (or nothing at all, as an icon-only link). */
export const isSymbolOnly = (node: DomNode, removed?: ReadonlySet<DomNode>): boolean => PERMALINK_TEXT.has(textOf(node, removed).replace(INVISIBLE, ''));

/**
 * A permalink anchor: a link to the page itself that a generator added beside a heading, a definition
 * (Sphinx's `dt`) or a caption so readers can copy its address. It carries no content, and left in it
 * puts `[¶](https://...)` into titles and answers. One of the generators' classes is enough; otherwise
 * its text must be a symbol only (`¶ # § 🔗` or nothing), and it must be inside a heading or have the
 * `anchor` class. A link to the page with real text is content ("see KettleParser objects").
 */
export function isPermalinkAnchor(el: DomElement, inHeading: boolean, samePage: SamePage): boolean {
  if (el.name !== 'a') return false;
  const href = el.attribs.href;
  if (href === undefined || !samePage(href)) return false;
  const classes = el.attribs.class?.split(/\s+/) ?? [];
  if (classes.some((c) => PERMALINK_CLASSES.has(c))) return true;
  return (inHeading || classes.includes(WEAK_CLASS)) && isSymbolOnly(el);
}
