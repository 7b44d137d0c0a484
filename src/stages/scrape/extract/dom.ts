/**
 * The few node fields extraction reads. Typed here rather than imported from domhandler because the `$` may
 * come from Crawlee's older cheerio with its own domhandler copy: both have this shape, and nothing else
 * about them is relied on (no cheerio traversal inside the walks, which is also what keeps them fast).
 */
export interface DomNode {
  /** 'tag' for elements; 'script' and 'style' elements have their own types; 'text', 'comment', 'root'... */
  readonly type: string;
  readonly parent: DomNode | null;
  readonly children?: readonly DomNode[];
  readonly name?: string;
  readonly attribs?: Readonly<Record<string, string>>;
  readonly data?: string;
}

export interface DomElement extends DomNode {
  readonly name: string;
  readonly attribs: Readonly<Record<string, string>>;
  readonly children: readonly DomNode[];
}

/** Only 'tag' counts: script and style elements never hold page text, so they are never walked into. */
export const isElement = (node: DomNode): node is DomElement => node.type === 'tag';

/** Whether `node` or one of its ancestors is in `set`. */
export function isWithin(node: DomNode, set: ReadonlySet<DomNode>): boolean {
  for (let n: DomNode | null = node; n !== null; n = n.parent) if (set.has(n)) return true;
  return false;
}

/**
 * Elements nested deeper than this are not walked recursively. Real pages stay far below it, but broken
 * ones (a thousand unclosed `<font>` tags) reach any depth, and recursion that deep overflows the stack.
 */
export const MAX_DEPTH = 256;

/**
 * The raw text under `node` (entities already decoded by the parser), skipping `removed` subtrees; `<br>`
 * is a line break. Whitespace is left as is: `<pre>` needs it, other callers collapse it. Iterative, so
 * any depth is fine.
 */
export function textOf(node: DomNode, removed?: ReadonlySet<DomNode>): string {
  let out = '';
  const stack: DomNode[] = [];
  pushChildren(stack, node);
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (n.type === 'text') out += n.data ?? '';
    else if (isElement(n) && removed?.has(n) !== true) {
      if (n.name === 'br') out += '\n';
      else pushChildren(stack, n);
    }
  }
  return out;
}

/** Pushes `node`'s children so that popping yields them in document order. */
export function pushChildren(stack: DomNode[], node: DomNode): void {
  const children = node.children;
  if (children === undefined) return;
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i];
    if (child !== undefined) stack.push(child);
  }
}

/** Runs of any whitespace (Unicode spaces and no-break space included) become one space, ends trimmed. */
export const collapseWhitespace = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The attribute lower-cased and trimmed, for enumerated values such as `role` or `rel`. */
export const keyword = (el: DomElement, name: string): string | undefined => el.attribs[name]?.trim().toLowerCase();
