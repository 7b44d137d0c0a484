import { isElement, type DomElement } from './dom.js';

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
  const parent = pre.parent !== null && isElement(pre.parent) ? pre.parent : undefined;
  const grandparent = parent?.parent != null && isElement(parent.parent) ? parent.parent : undefined;
  for (const el of [code, pre, parent, grandparent]) {
    const cls = el?.attribs.class;
    if (cls === undefined) continue;
    const lang = LANGUAGE_CLASS.exec(cls)?.[1]?.toLowerCase();
    if (lang !== undefined && !NOT_A_LANGUAGE.has(lang)) return lang;
  }
  return '';
}
