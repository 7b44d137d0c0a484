import { findCards } from './card.js';
import { findEmails } from './email.js';
import { findIbans } from './iban.js';
import { findIpv4, findIpv6 } from './ip.js';
import { type Detector, PII_KINDS, type PiiKind, type PiiSpan, PLACEHOLDERS } from './kinds.js';
import { findPhones } from './phone.js';
import { findSecrets } from './secrets.js';

// Most specific first: a JWT or an IBAN contains digit runs a later, looser detector would take
// for a phone number. Each found span is masked before the next detector runs.
const DETECTORS: readonly (readonly [PiiKind, Detector])[] = [
  ['secret', findSecrets],
  ['email', findEmails],
  ['iban', findIbans],
  ['card', findCards],
  ['ip_address', findIpv6],
  ['ip_address', findIpv4],
  ['phone', findPhones],
];

// Same length as each span (offsets stay valid), with no word, digit or separator character in it.
// One pass per detector: masking span by span would copy the whole text once per match.
const mask = (text: string, spans: readonly PiiSpan[]) => {
  let out = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, s.start) + '\u2588'.repeat(s.end - s.start);
    at = s.end;
  }
  return out + text.slice(at);
};

/** Every PII span in `text`, in order, non-overlapping, limited to `kinds`. */
export const findPii = (text: string, kinds: ReadonlySet<PiiKind> = new Set(PII_KINDS)): PiiSpan[] => {
  const found: PiiSpan[] = [];
  let masked = text;
  for (const [kind, detect] of DETECTORS) {
    if (!kinds.has(kind)) continue;
    const accepted: PiiSpan[] = [];
    for (const span of detect(masked)) {
      // Spans of earlier detectors are masked already; only one detector's own spans can overlap.
      if (accepted.some((f) => span.start < f.end && f.start < span.end)) continue;
      accepted.push({ ...span, kind });
    }
    if (accepted.length > 0) masked = mask(masked, accepted);
    found.push(...accepted);
  }
  return found.sort((a, b) => a.start - b.start);
};

export interface Redaction {
  text: string;
  counts: Partial<Record<PiiKind, number>>;
}

/** Replaces each span with its kind's placeholder and counts the spans by kind. */
export const redactText = (text: string, kinds?: ReadonlySet<PiiKind>): Redaction => {
  const spans = findPii(text, kinds);
  const counts: Partial<Record<PiiKind, number>> = {};
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + PLACEHOLDERS[s.kind];
    at = s.end;
    counts[s.kind] = (counts[s.kind] ?? 0) + 1;
  }
  return { text: spans.length === 0 ? text : out + text.slice(at), counts };
};
