import { BACKSLASH, COMMA, LBRACE, LBRACK, QUOTE, RBRACE, RBRACK } from './json-chars.js';

/**
 * The deepest nesting of arrays and objects a record may have (the value itself is level 1). Real
 * records, chat examples with tool schemas included, stay far below it; a record past it would
 * overflow the stack of any recursive walk (JSON.stringify, deep equality, a template), so it is
 * dropped on import. serde_json stops at 128 and Python's json has no limit but the stack.
 */
export const MAX_JSON_DEPTH = 100;

/** Where JSON text first goes deeper than the limit. */
export interface TooDeep {
  /** Offset (UTF-16 units) of the bracket that opens the level past the limit. */
  offset: number;
  /** The keys and indexes down to that bracket: which child of a whole-file element it is in. */
  path: (string | number)[];
}

interface Frame {
  object: boolean;
  at: string | number;
}

/** The key a quoted string spells; raw text when its escapes are broken (the parser says so). */
const keyOf = (raw: string): string => {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
};

/**
 * The first place `text` nests deeper than `max`, counting brackets outside strings, or undefined.
 * One pass and no recursion, so it can run before JSON.parse on text that may not even be JSON:
 * a million `[` cost their reading time and never reach a recursive walk.
 */
export const findTooDeep = (text: string, max = MAX_JSON_DEPTH): TooDeep | undefined => {
  const stack: Frame[] = [];
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let close = i + 1;
      while (close < n && text.charCodeAt(close) !== QUOTE) close += text.charCodeAt(close) === BACKSLASH ? 2 : 1;
      if (expectKey) {
        expectKey = false;
        stack[stack.length - 1]!.at = keyOf(text.slice(i + 1, close));
      }
      i = close;
    } else if (c === LBRACE || c === LBRACK) {
      if (stack.length === max) return { offset: i, path: stack.map((f) => f.at) };
      stack.push(c === LBRACE ? { object: true, at: '' } : { object: false, at: 0 });
      expectKey = c === LBRACE;
    } else if (c === RBRACE || c === RBRACK) {
      stack.pop();
      expectKey = false;
    } else if (c === COMMA) {
      const top = stack[stack.length - 1];
      if (top?.object) expectKey = true;
      else if (top) top.at = (top.at as number) + 1;
    }
  }
  return undefined;
};
