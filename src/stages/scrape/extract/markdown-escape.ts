// Markdown syntax that page text must not create by accident, and link destinations that must stay one token.

/**
 * A paragraph line that would read as a heading or a code fence is escaped: besides changing the markdown,
 * it would make splitSections start a section there.
 */
export function escapeLineStarts(md: string): string {
  const first = md.charCodeAt(0);
  // Most paragraphs are one line that starts with none of # ` ~: no regex for those.
  if (first !== 35 && first !== 96 && first !== 126 && !md.includes('\n')) return md;
  return md.replace(/^(?=#{1,6}(?:[ \t]|$)|`{3}|~{3})/gm, '\\');
}

/** A heading ending in ` #` would lose it as an ATX closing sequence. */
export const escapeHeading = (md: string): string => md.replace(/(\s)(#+)$/, '$1\\$2');

/** Parentheses are fine in a link destination only when balanced (Wikipedia's `Foo_(bar)` is); else encoded. */
export function linkDestination(url: string): string {
  if (!url.includes('(') && !url.includes(')')) return url;
  let depth = 0;
  for (const ch of url) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) break;
  }
  return depth === 0 ? url : url.replace(/\(/g, '%28').replace(/\)/g, '%29');
}
