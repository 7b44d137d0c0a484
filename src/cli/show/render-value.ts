import { isRecord } from '../../pipeline/item.js';
import { formatInt } from '../format-table.js';
import { clipText, type ClipLimits } from './clip.js';
import type { Paint } from './paint.js';

/** How much of a JSON value is shown: each string's lines and characters, each array's items. */
export interface ValueLimits extends ClipLimits {
  items: number;
}

// Quoted only where the bare text would read as something else: empty, padded, or a number/boolean/null.
const LOOKS_TYPED = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)$/;
const scalar = (v: unknown): string => {
  if (typeof v !== 'string') return v === undefined ? 'null' : JSON.stringify(v);
  return v === '' || v.trim() !== v || LOOKS_TYPED.test(v) ? JSON.stringify(v) : v;
};

// A blank multi-line string would draw as empty lines; quoted, its whitespace is visible.
const isBlockString = (v: unknown): v is string => typeof v === 'string' && v.includes('\n') && v.trim() !== '';
const isInline = (v: unknown) => (typeof v !== 'object' || v === null) && !isBlockString(v);

/**
 * Any JSON value as indented `key: value` lines, YAML-like, so that multi-line strings read as
 * text instead of `\n` escapes. Not YAML: it is for reading, never parsed back.
 */
export const renderValue = (value: unknown, limits: ValueLimits, paint: Paint, pad = ''): string[] => {
  const inline = (v: string): string => {
    const { lines, note } = clipText(v, limits);
    return note ? `${scalar(lines[0] ?? '')} ${paint.dim(note)}` : scalar(v);
  };
  const blockText = (v: string, p: string): string[] => {
    const { lines, note } = clipText(v, limits);
    return [...lines.map((l) => `${p}${l}`.trimEnd()), ...(note ? [`${p}${paint.dim(note)}`] : [])];
  };
  const block = (v: unknown, p: string): string[] => {
    if (isBlockString(v)) return [`${p}|`, ...blockText(v, `${p}  `)];
    if (Array.isArray(v)) return v.length === 0 ? [`${p}[]`] : array(v, p);
    if (isRecord(v)) return Object.keys(v).length === 0 ? [`${p}{}`] : object(v, p);
    return [`${p}${typeof v === 'string' ? inline(v) : scalar(v)}`];
  };
  const entry = (key: string, v: unknown, p: string): string[] => {
    if (isBlockString(v)) return [`${p}${key}: |`, ...blockText(v, `${p}  `)];
    if (typeof v === 'string') return [`${p}${key}: ${inline(v)}`];
    if (isInline(v) || (Array.isArray(v) && v.length === 0) || (isRecord(v) && Object.keys(v).length === 0)) return block(v, `${p}${key}: `);
    return [`${p}${key}:`, ...block(v, `${p}  `)];
  };
  const object = (v: Record<string, unknown>, p: string): string[] => Object.entries(v).flatMap(([k, x]) => entry(k, x, p));
  const array = (v: unknown[], p: string): string[] => {
    const shown = v.length > limits.items ? v.slice(0, limits.items) : v;
    const lines = shown.flatMap((item) => {
      const [first = '', ...rest] = block(item, `${p}  `);
      return [`${p}- ${first.slice(p.length + 2)}`, ...rest];
    });
    const hidden = v.length - shown.length;
    if (hidden > 0) lines.push(`${p}${paint.dim(`- … ${formatInt(hidden)} more item${hidden === 1 ? '' : 's'} (--full shows all)`)}`);
    return lines;
  };
  return block(value, pad);
};
