import { before, IP_CONTEXT, VERSION_CONTEXT } from './context.js';
import type { Span } from './kinds.js';

const IPV4 = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\d)/g;
// Eight colon-separated groups, `::` compression, an optional dotted IPv4 tail and a zone id.
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?:%[\w.]+)?(?![\w:])/g;

// Octets are 0..255 without leading zeros (`01.02.03.04` is more likely a date or a code).
const octetsValid = (s: string) => s.split('.').every((o) => Number(o) <= 255 && (o.length === 1 || o[0] !== '0'));

export const findIpv4 = (text: string): Span[] => {
  const spans: Span[] = [];
  for (const m of text.matchAll(IPV4)) {
    if (!octetsValid(m[0]) || VERSION_CONTEXT.test(before(text, m.index, 30))) continue;
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
};

/** Parses an IPv6 candidate: undefined when invalid, else whether it stands out without context. */
const parseIpv6 = (candidate: string): { strong: boolean } | undefined => {
  let body = candidate.split('%')[0]!;
  const v4 = /(?:\d{1,3}\.){3}\d{1,3}$/.exec(body);
  if (v4) {
    if (!octetsValid(v4[0])) return undefined;
    body = `${body.slice(0, v4.index)}0:0`; // the dotted tail stands for two groups
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (!groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
  const compressed = halves.length === 2;
  if (compressed ? groups.length > 7 : groups.length !== 8) return undefined;
  // `::1`, `::` or `a::b` also occur in code and prose; they count only with IP words nearby.
  const strong = !compressed || v4 !== null || (groups.length >= 2 && groups.some((g) => g.length >= 3));
  return { strong };
};

export const findIpv6 = (text: string): Span[] => {
  const spans: Span[] = [];
  for (const m of text.matchAll(IPV6)) {
    const parsed = parseIpv6(m[0]);
    if (!parsed) continue;
    if (!parsed.strong && !(IP_CONTEXT.test(before(text, m.index)) || text[m.index - 1] === '[')) continue;
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
};
