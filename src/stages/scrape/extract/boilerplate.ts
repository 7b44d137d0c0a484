import { isElement, keyword, MAX_DEPTH, type DomElement, type DomNode } from './dom.js';
import { isPermalinkAnchor, type SamePage } from './permalink.js';

/**
 * Elements that are never page content. `footer` is here whatever its scope: an article's own footer holds
 * bylines, tags, share and "edit this page" links, which are noise in training text too.
 */
const ALWAYS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'button', 'nav', 'aside', 'footer']);
const ALWAYS_ROLES = new Set(['navigation', 'banner', 'contentinfo']);
/**
 * `header` is the site banner only when it is not inside one of these (the rule HTML-AAM uses to give it the
 * banner role): an article's or section's own header, which usually holds its h1, is kept.
 */
const SECTIONING = new Set(['article', 'aside', 'main', 'nav', 'section']);
/** Line-number gutters of highlighted code, which would otherwise interleave numbers with the code. */
const GUTTER_CLASS = /(?:^|\s)(?:gutter|linenos?|line-numbers-rows)(?:\s|$)/;
const COOKIE = /cookie|consent|gdpr/i;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
/** Elements whose presence shows a subtree holds the page's content (see `removeUnlessContent`). */
const CONTENT_MARKERS = new Set(['main', 'article', 'h1']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Never dropped by the heuristic rules: a `<body class="cookie-consent-given">` is still the page. */
const NEVER_HEURISTIC = new Set(['html', 'head', 'body']);

export interface Boilerplate {
  /** Elements left out of the content, each with its whole subtree. */
  removed: Set<DomNode>;
  /** The first surviving element of each kind, in document order: content-root candidates. */
  main?: DomElement;
  roleMain?: DomElement;
  article?: DomElement;
  body?: DomElement;
}

export interface BoilerplateOptions {
  /** Matches of `selectors.remove`: removed unconditionally. */
  remove: ReadonlySet<DomNode>;
  /** Matches of `selectors.content`: they count as content markers. */
  content: ReadonlySet<DomNode>;
  /** Whether an href leads to the page itself, for finding permalink anchors (permalink.ts). */
  samePage: SamePage;
}

/**
 * One walk over the page marking boilerplate, instead of a css-select query per rule. Nothing is detached
 * from the tree: the caller's `$` stays intact and later walks skip the marked subtrees.
 *
 * Two kinds of rule. Tag and role rules (nav, aside, footer, page-level header...) always apply. Heuristic
 * rules (a form, a cookie/consent/gdpr id or class, `hidden`, `aria-hidden="true"`, an inline style hiding
 * it, a closed `<dialog>`) apply only when the subtree holds no content marker (main, article, [role=main], h1, a
 * `selectors.content` match): ASP.NET pages wrap the whole page in a `<form>`, and modal libraries set
 * `aria-hidden` on the app root while a cookie dialog is open.
 *
 * Permalink anchors (Sphinx's `¶`, Docusaurus's hash-link...) are removed too, so that neither the
 * content nor the h1 the title may fall back to keeps them.
 */
export function findBoilerplate(root: DomNode, options: BoilerplateOptions): Boilerplate {
  const found: Boilerplate = { removed: new Set() };
  const { removed } = found;

  const visit = (parent: DomNode, sectioned: boolean, inHeading: boolean, depth: number): boolean => {
    // Past MAX_DEPTH nothing more is marked; the content walk reads such depths as plain text anyway.
    if (depth >= MAX_DEPTH) return false;
    let hasContent = false;
    for (const el of parent.children ?? []) {
      if (!isElement(el)) continue;
      if (options.remove.has(el)) {
        removed.add(el);
        continue;
      }
      const { name } = el;
      const role = el.attribs.role === undefined ? undefined : keyword(el, 'role');
      if (isAlwaysBoilerplate(el, role, sectioned)) {
        removed.add(el);
        continue;
      }
      if (name === 'a' && isPermalinkAnchor(el, inHeading, options.samePage)) {
        removed.add(el);
        continue;
      }
      // Candidates are recorded before the subtree is visited so that the first one in document order wins.
      if (name === 'main') found.main ??= el;
      else if (name === 'article') found.article ??= el;
      else if (name === 'body') found.body ??= el;
      if (role === 'main') found.roleMain ??= el;

      const inner = visit(el, sectioned || SECTIONING.has(name) || role === 'main', inHeading || HEADINGS.has(name), depth + 1);
      const isContent = inner || CONTENT_MARKERS.has(name) || role === 'main' || options.content.has(el);
      if (!isContent && !NEVER_HEURISTIC.has(name) && isHeuristicBoilerplate(el)) removed.add(el);
      else hasContent ||= isContent;
    }
    return hasContent;
  };
  visit(root, false, false, 0);
  return found;
}

function isAlwaysBoilerplate(el: DomElement, role: string | undefined, sectioned: boolean): boolean {
  if (ALWAYS.has(el.name)) return true;
  if (el.name === 'header' && !sectioned) return true;
  if (role !== undefined && ALWAYS_ROLES.has(role)) return true;
  const cls = el.attribs.class;
  return cls !== undefined && GUTTER_CLASS.test(cls);
}

function isHeuristicBoilerplate(el: DomElement): boolean {
  const { attribs } = el;
  // A `<dialog>` without `open` is not shown (cookie and newsletter pop-ups wait in them).
  if (el.name === 'form' || attribs.hidden !== undefined || (el.name === 'dialog' && attribs.open === undefined)) return true;
  if (attribs['aria-hidden'] !== undefined && keyword(el, 'aria-hidden') === 'true') return true;
  if (attribs.style !== undefined && HIDDEN_STYLE.test(attribs.style)) return true;
  return (attribs.id !== undefined && COOKIE.test(attribs.id)) || (attribs.class !== undefined && COOKIE.test(attribs.class));
}
