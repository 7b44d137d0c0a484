import { isRecord } from '../../pipeline/item.js';

/** `file:line`, or the URL (and where it redirected to) for a crawled page. */
export const describeSource = (source: unknown): string => {
  if (!isRecord(source) || typeof source['uri'] !== 'string') return '(unknown)';
  const at = typeof source['line'] === 'number' ? `${source['uri']}:${source['line']}` : source['uri'];
  const final = source['finalUrl'];
  return typeof final === 'string' && final !== source['uri'] ? `${at} → ${final}` : at;
};

const PAIRS_MAX = 120;

/**
 * `a=1 b="two words"` for a flat object of short one-line values, the way a reader scans labels
 * and drop details; undefined when the object needs more room than one line.
 */
export const inlinePairs = (value: unknown): string | undefined => {
  if (typeof value === 'string' && !value.includes('\n') && value.length <= PAIRS_MAX) return value;
  if (!isRecord(value)) return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && !v.includes('\n')) parts.push(`${k}=${/^[^\s"=]+$/.test(v) ? v : JSON.stringify(v)}`);
    else if (typeof v === 'number' || typeof v === 'boolean' || v === null) parts.push(`${k}=${String(v)}`);
    else return undefined;
  }
  const line = parts.join(' ');
  return line.length <= PAIRS_MAX ? line : undefined;
};
