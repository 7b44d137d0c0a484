import type { Boilerplate } from './boilerplate.js';
import { isWithin, type DomNode } from './dom.js';

/**
 * Where the main content is: the first match of the first `selectors.content` entry that matches anything
 * outside boilerplate, else the first `main`, `[role=main]`, `article`, in that order of preference (a
 * `main` holding several `article` teasers is the better root), else `body`, else the whole document (a
 * fragment parsed by htmlparser2 has no body). Matches inside boilerplate are skipped so that, say, a
 * related-posts `article` in an `aside` is never taken for the page's own.
 */
export function chooseContentRoot(document: DomNode, boilerplate: Boilerplate, contentMatches: readonly (readonly DomNode[])[]): DomNode {
  for (const matches of contentMatches) {
    for (const el of matches) if (!isWithin(el, boilerplate.removed)) return el;
  }
  return boilerplate.main ?? boilerplate.roleMain ?? boilerplate.article ?? boilerplate.body ?? document;
}
