/**
 * `json.dumps(json.loads(text), ensure_ascii=False)` as Python writes it, which is what
 * mistral-common encodes for tool calls, tool results and tool definitions: `", "` and `": "`
 * separators, keys in the order written (a Map, since a JS object would move integer-like keys
 * first), integers as written and floats as Python's repr (`1.0`, `1e-05`, `1e+16`), which a
 * JS number cannot tell apart. Strings are escaped as JSON.stringify does, which matches Python's
 * ensure_ascii=False escapes (quote, backslash, \b \f \n \r \t, other controls as \u00xx).
 */

/** A number as written in the JSON text (json.loads makes it an int or a float by its form). */
export class PyNumber {
  constructor(readonly literal: string) {}
}

type PyJson = null | boolean | string | PyNumber | PyJson[] | Map<string, PyJson>;

/** Parses JSON keeping number literals and key order; null when the text is not one JSON value (as json.loads raises). */
export const parsePythonJson = (text: string): PyJson | undefined => {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw new SyntaxError(`not JSON at ${i}`);
  };
  const str = (): string => {
    const start = i;
    i++;
    for (; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    if (i >= text.length) fail();
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): PyJson => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const map = new Map<string, PyJson>();
      ws();
      if (text[i] === '}') return i++, map;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const key = str();
        ws();
        if (text[i++] !== ':') fail();
        const v = value();
        // Python's dict keeps a repeated key at its first position with the last value.
        map.set(key, v);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return i++, map;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      const list: PyJson[] = [];
      ws();
      if (text[i] === ']') return i++, list;
      for (;;) {
        list.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return i++, list;
        else fail();
      }
    }
    if (c === '"') return str();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) return (i += word.length), v;
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail();
    i += m![0].length;
    return new PyNumber(m![0]);
  };
  try {
    const v = value();
    ws();
    return i === text.length ? v : undefined;
  } catch {
    return undefined;
  }
};

/** Python's repr of a float: shortest round-trip digits, fixed notation for exponents -4..15, else d.ddde±XX. */
export const pythonFloatRepr = (x: number): string => {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return `${sign}${whole}.${frac || '0'}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
};

const numberText = (literal: string): string => {
  if (!/[.eE]/.test(literal)) return literal === '-0' ? '0' : literal.replace(/^(-?)0+(?=\d)/, '$1');
  return pythonFloatRepr(Number(literal));
};

/** json.dumps(value, ensure_ascii=False) of a parsed value or of plain JS data (JS numbers: integral ones as ints). */
export const pythonJsonDumps = (value: unknown): string => {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pythonFloatRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${JSON.stringify(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
  if (value instanceof PyNumber) return numberText(value.literal);
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${JSON.stringify(k)}: ${pythonJsonDumps(v)}`)
    .join(', ')}}`;
};
