/** How the content walk treats each element: the HTML knowledge of to-blocks.ts, kept apart from its mechanics. */
export type Kind = 'block' | 'heading' | 'list' | 'pre' | 'quote' | 'table' | 'rule' | 'br' | 'link' | 'code' | 'em' | 'strong' | 'del' | 'skip';

/**
 * How each element renders; anything not listed is inline (a browser's default for unknown elements too, so
 * custom elements such as `<relative-time>` stay within their sentence).
 */
export const KINDS: ReadonlyMap<string, Kind> = new Map<string, Kind>([
  ...[
    'address', 'article', 'aside', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
    'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hgroup', 'html', 'legend', 'li', 'main',
    'nav', 'p', 'search', 'section', 'summary', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr',
  ].map((n): [string, Kind] => [n, 'block']),
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((n): [string, Kind] => [n, 'heading']),
  ['ul', 'list'], ['ol', 'list'], ['menu', 'list'], ['dir', 'list'],
  ['pre', 'pre'], ['blockquote', 'quote'], ['table', 'table'], ['hr', 'rule'], ['br', 'br'], ['a', 'link'],
  ['code', 'code'], ['kbd', 'code'], ['samp', 'code'], ['tt', 'code'],
  ['em', 'em'], ['i', 'em'], ['strong', 'strong'], ['b', 'strong'], ['del', 'del'], ['s', 'del'], ['strike', 'del'],
  // Metadata, media and form controls carry no readable text of their own (images are dropped, alt text too:
  // on real pages it is mostly "logo" and "icon").
  ...[
    'head', 'title', 'meta', 'link', 'base', 'img', 'picture', 'video', 'audio', 'source', 'track', 'canvas',
    'map', 'area', 'object', 'embed', 'input', 'select', 'option', 'textarea', 'colgroup', 'col',
  ].map((n): [string, Kind] => [n, 'skip']),
]);

/** Kinds that are inline markup: everything else listed starts or ends a block. */
export const INLINE_KINDS: ReadonlySet<Kind | undefined> = new Set<Kind | undefined>([undefined, 'link', 'code', 'em', 'strong', 'del']);
