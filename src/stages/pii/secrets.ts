import type { Span } from './kinds.js';

// Token formats with a fixed, documented prefix: the prefix alone makes them unambiguous.
const PREFIXED: readonly RegExp[] = [
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$(?![\s\S]))/g,
  /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, // JWT: base64url('{"') header and payload
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[A-Z0-9]{16}\b/g, // AWS access key ids
  /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g, // GitHub classic tokens
  /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g, // GitHub fine-grained tokens
  /\bxox[abprs]-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+/g, // Slack tokens
  /\bAIza[0-9A-Za-z_-]{35}\b/g, // Google API keys
  /\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}\b/g, // Stripe secret and restricted keys
];

// OpenAI keys: `sk-` words also occur in prose (`sk-learn-style`), so a digit is required too.
const OPENAI = /(?<![\w-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}(?![\w-])/g;

// Values assigned to a secret-looking name (`api_key=...`, `Authorization: Bearer ...`): only the
// value is matched, and it must mix letters and digits so `password: required` stays.
const ASSIGNED =
  /(?:\b(?:api[_-]?key|secret(?:[_-]?key)?|access[_-]?token|auth[_-]?token|token|password|passwd|pwd|aws_secret_access_key)["']?\s*[:=]\s*["']?|\bBearer\s+)([A-Za-z0-9_\-.~+/]{16,}=*)/gi;

const mixed = (s: string) => /\d/.test(s) && /[A-Za-z]/.test(s);

export const findSecrets = (text: string): Span[] => {
  const spans: Span[] = [];
  for (const re of PREFIXED) for (const m of text.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(OPENAI)) if (mixed(m[0].slice(3))) spans.push({ start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(ASSIGNED)) {
    const value = m[1]!;
    if (mixed(value)) spans.push({ start: m.index + m[0].length - value.length, end: m.index + m[0].length });
  }
  return spans;
};
