import { SourceError } from '../../pipeline/errors.js';
import { isWs } from './json-chars.js';

/**
 * Finds where JSON text is broken and what was expected there. JSON.parse does not say where for
 * every error (V8 reports "Unexpected token" with a snippet and no position), so a failed parse is
 * re-read by this small validator, which only ever runs on the error path.
 */
export interface JsonSyntaxError {
  /** Offset (UTF-16 code units) of the first character that cannot be where it is. */
  offset: number;
  message: string;
}

class Fail {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** How an error names what it found: `'x'`, `U+000A` for an invisible character, or end of input. */
export const describeChar = (text: string, offset: number): string => {
  if (offset >= text.length) return 'end of input';
  const code = text.charCodeAt(offset);
  if (code < 0x20 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${text[offset]}'`;
};

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const ESCAPES = new Set('"\\/bfnrtu');

export const findJsonSyntaxError = (text: string): JsonSyntaxError | undefined => {
  let pos = 0;
  const fail = (expected: string): never => {
    throw new Fail(pos, `expected ${expected}, found ${describeChar(text, pos)}`);
  };
  const ws = () => {
    while (pos < text.length && isWs(text.charCodeAt(pos))) pos++;
  };
  const digits = () => {
    if (!isDigit(text.charCodeAt(pos))) fail('a digit');
    while (isDigit(text.charCodeAt(pos))) pos++;
  };
  const string = () => {
    pos++; // the opening quote
    for (;;) {
      if (pos >= text.length) fail(`'"' to close the string`);
      const c = text.charCodeAt(pos);
      if (c === 0x22) return void pos++;
      if (c < 0x20) throw new Fail(pos, `control character ${describeChar(text, pos)} in a string (escape it)`);
      if (c === 0x5c) {
        pos++;
        if (!ESCAPES.has(text[pos] ?? '')) throw new Fail(pos - 1, `invalid escape sequence '\\${text[pos] ?? ''}' in a string`);
        if (text[pos] === 'u') {
          for (let k = 1; k <= 4; k++) if (!isHex(text.charCodeAt(pos + k))) throw new Fail(pos - 1, 'invalid \\u escape in a string (4 hex digits)');
          pos += 4;
        }
      }
      pos++;
    }
  };
  const number = () => {
    if (text[pos] === '-') pos++;
    if (text[pos] === '0') pos++;
    else digits();
    if (text[pos] === '.') {
      pos++;
      digits();
    }
    if (text[pos] === 'e' || text[pos] === 'E') {
      pos++;
      if (text[pos] === '+' || text[pos] === '-') pos++;
      digits();
    }
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++, pos++) if (text[pos] !== word[k]) fail(`'${word}'`);
  };
  const value = (): void => {
    ws();
    const c = text[pos];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || isDigit(text.charCodeAt(pos))) return number();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    fail('a JSON value');
  };
  const object = () => {
    pos++;
    ws();
    if (text[pos] === '}') return void pos++;
    for (;;) {
      ws();
      if (text[pos] !== '"') fail('a property name in double quotes');
      string();
      ws();
      if (text[pos] !== ':') fail(`':' after a property name`);
      pos++;
      value();
      ws();
      if (text[pos] === '}') return void pos++;
      if (text[pos] !== ',') fail(`',' or '}' after a property value`);
      pos++;
    }
  };
  const array = () => {
    pos++;
    ws();
    if (text[pos] === ']') return void pos++;
    for (;;) {
      value();
      ws();
      if (text[pos] === ']') return void pos++;
      if (text[pos] !== ',') fail(`',' or ']' after an array element`);
      pos++;
    }
  };
  try {
    value();
    ws();
    if (pos < text.length) fail('end of input after the JSON value');
    return undefined;
  } catch (error) {
    if (error instanceof Fail) return { offset: error.offset, message: error.message };
    // Nesting deeper than the stack: leave the report to JSON.parse's own message.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
};

/** 1-based line and column of `offset` in `text`, which itself starts at `line`:`column` of its file. */
export const positionIn = (text: string, offset: number, line: number, column: number): { line: number; column: number } => {
  let lastBreak = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lastBreak = i;
  }
  return { line, column: lastBreak < 0 ? column + offset : offset - lastBreak };
};

/** A fatal syntax error at `offset` of `text`, which starts at `line`:`column` of the input. */
export const syntaxErrorAt = (uri: string, text: string, offset: number, line: number, column: number, message: string): SourceError => {
  const at = positionIn(text, offset, line, column);
  return new SourceError(uri, `line ${at.line}, column ${at.column}: ${message}`);
};

/** The syntax error of JSON text that failed to parse, located by the validator. */
export const jsonTextError = (uri: string, text: string, line: number, column: number, fallback: string): SourceError => {
  const found = findJsonSyntaxError(text) ?? { offset: text.length, message: fallback };
  return syntaxErrorAt(uri, text, found.offset, line, column, found.message);
};
