import { BACKSLASH, COMMA, LBRACE, LBRACK, QUOTE, RBRACE, RBRACK } from './json-chars.js';

/** A JSON path as the validator writes it: `messages[1].content`, `["a b"]`. */
export const formatJsonPath = (path: readonly (string | number)[]): string =>
  path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? (i === 0 ? p : `.${p}`) : `[${JSON.stringify(p)}]`))
    .join('');

/** A key written twice in one object; `offset` is where its second spelling starts in the text. */
export interface DuplicateKey {
  key: string;
  path: string;
  offset: number;
}

interface Frame {
  /** Keys seen so far: an array while small (most objects have a handful), a Set past that. */
  keys: string[] | Set<string> | undefined;
  at: string | number;
}

const SMALL = 16;

/** The quote that closes the string whose opening quote is at `open`. */
const closingQuote = (text: string, open: number): number => {
  let q = text.indexOf('"', open + 1);
  for (;;) {
    let slashes = 0;
    while (text.charCodeAt(q - slashes - 1) === BACKSLASH) slashes++;
    if (slashes % 2 === 0 || q < 0) return q;
    q = text.indexOf('"', q + 1);
  }
};

/**
 * The first key that appears twice in one object of `text`, which JSON.parse has already accepted
 * (it keeps the last value without a word). One pass that jumps from quote to quote through string
 * values and keeps the keys of each open object; no recursion, so any depth is fine.
 */
export const findDuplicateKey = (text: string): DuplicateKey | undefined => findDuplicateKeys(text, 1)[0];

/** Up to `max` keys written twice in `text`, in the order of their second spelling. */
export const findDuplicateKeys = (text: string, max = Infinity): DuplicateKey[] => {
  const found: DuplicateKey[] = [];
  const stack: Frame[] = [];
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const close = closingQuote(text, i);
      if (close < 0) return found; // not JSON: the parser has said so already
      if (expectKey) {
        expectKey = false;
        const raw = text.slice(i + 1, close);
        // Escapes spell one key two ways ("a" and "\u0061"): compare what they mean.
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        const top = stack[stack.length - 1]!;
        const keys = top.keys!;
        if (Array.isArray(keys) ? keys.includes(key) : keys.has(key)) {
          found.push({ key, path: formatJsonPath([...stack.slice(0, -1).map((f) => f.at), key]), offset: i });
          if (found.length >= max) return found;
        } else if (Array.isArray(keys)) {
          keys.push(key);
          if (keys.length > SMALL) top.keys = new Set(keys);
        } else keys.add(key);
        top.at = key;
      }
      i = close;
    } else if (c === LBRACE) {
      stack.push({ keys: [], at: '' });
      expectKey = true;
    } else if (c === LBRACK) stack.push({ keys: undefined, at: 0 });
    else if (c === RBRACE || c === RBRACK) {
      stack.pop();
      expectKey = false;
    } else if (c === COMMA) {
      const top = stack[stack.length - 1];
      if (top?.keys) expectKey = true;
      else if (top) top.at = (top.at as number) + 1;
    }
  }
  return found;
};

/** Only a `\uD800`-`\uDFFF` escape can put a lone surrogate in a string parsed from valid UTF-8. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

// ES2024's String.prototype.isWellFormed (Node 20 has it; the project's lib is ES2023).
const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/**
 * The path of the first string (value or key) in `value` holding a lone UTF-16 surrogate, which
 * `\ud800` in JSON decodes to and OpenAI refuses; undefined if there is none. `text` is what `value`
 * was parsed from: without a surrogate escape in it the walk is skipped.
 */
export const findLoneSurrogate = (text: string, value: unknown): string | undefined => findLoneSurrogates(text, value, 1)[0];

/** The paths of up to `max` strings in `value` holding a lone surrogate, in document order. */
export const findLoneSurrogates = (text: string, value: unknown, max = Infinity): string[] => {
  const found: string[] = [];
  // includes() first: it is several times faster than the regex, and most lines have no \u at all.
  if (!text.includes('\\u') || !SURROGATE_ESCAPE.test(text)) return found;
  // Iterative, and each node links to its parent instead of copying its path: a value nested 100k
  // deep must neither overflow the stack nor take quadratic time.
  interface At {
    seg: string | number;
    up: At | undefined;
  }
  const pathOf = (at: At | undefined, last?: string): string => {
    const segs: (string | number)[] = last === undefined ? [] : [last];
    for (let a = at; a; a = a.up) segs.push(a.seg);
    return formatJsonPath(segs.reverse());
  };
  const todo: [unknown, At | undefined][] = [[value, undefined]];
  for (let next = todo.pop(); next; next = todo.pop()) {
    const [v, at] = next;
    if (typeof v === 'string') {
      if (!isWellFormed(v) && found.push(pathOf(at)) >= max) return found;
    } else if (Array.isArray(v)) {
      for (let k = v.length - 1; k >= 0; k--) todo.push([v[k], { seg: k, up: at }]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let k = entries.length - 1; k >= 0; k--) {
        const [key, child] = entries[k]!;
        if (!isWellFormed(key) && found.push(pathOf(at, key)) >= max) return found;
        todo.push([child, { seg: key, up: at }]);
      }
    }
  }
  return found;
};

/** What a line or element that parsed still must not carry into a dataset, as a drop reason. */
export type JsonDefect =
  | { code: 'duplicate_key'; detail: { key: string; path: string; column: number } }
  | { code: 'lone_surrogate'; detail: { path: string } };

/** The first defect of JSON `text` that JSON.parse let through as `value`: a key written twice, or a lone surrogate. */
export const findJsonDefect = (text: string, value: unknown): JsonDefect | undefined => {
  const dup = findDuplicateKey(text);
  if (dup) return { code: 'duplicate_key', detail: { key: dup.key, path: dup.path, column: dup.offset + 1 } };
  const lone = findLoneSurrogate(text, value);
  return lone === undefined ? undefined : { code: 'lone_surrogate', detail: { path: lone } };
};
