// Reading a `<pre>`: the language its classes name, and its text as a code block holds it.
import { isElement, type DomElement, type DomNode } from './dom.js';

// `language-x` (Prism, highlight.js, most markdown renderers), `lang-x` (older highlighters),
// `highlight-source-x` (GitHub) and `highlight-x` (Sphinx). The first alternative that fits wins.
const LANGUAGE_CLASS = /(?:^|\s)(?:language|lang|highlight-source|highlight)-([\w+#.-]+)/i;
/** Class values that say "no language" rather than naming one. */
const NOT_A_LANGUAGE = new Set(['default', 'none', 'nohighlight']);

/**
 * The fence info string for a `<pre>`: from a language class on the pre, its code child, or the two
 * elements around it (Sphinx puts it two levels up), lower-cased; '' when none says.
 */
export function codeLanguage(pre: DomElement): string {
  const code = pre.children.find((c): c is DomElement => isElement(c) && c.name === 'code');
  const parent = asElement(pre.parent);
  const grandparent = asElement(parent?.parent);
  for (const el of [code, pre, parent, grandparent]) {
    const cls = el?.attribs.class;
    if (cls === undefined) continue;
    const lang = LANGUAGE_CLASS.exec(cls)?.[1]?.toLowerCase();
    if (lang !== undefined && !NOT_A_LANGUAGE.has(lang)) return lang;
  }
  return '';
}

const asElement = (node: DomNode | null | undefined): DomElement | undefined => (node !== null && node !== undefined && isElement(node) ? node : undefined);

/**
 * `<pre>` text verbatim, except: CRLF to LF, no-break spaces (used for indentation by some sites) to spaces,
 * blank lines at the start (the parser keeps the newline after `<pre>` that browsers drop) and trailing
 * whitespace removed.
 */
export function preText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').replace(/\u00A0/g, ' ').replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}
