import type { TiktokenEncoding } from './tiktoken-encoder.js';

/**
 * tiktoken's pre-tokenizer patterns (the `pat_str` of node_modules/tiktoken/registry.json, from
 * openai/tiktoken's tiktoken_ext/openai_public.py) written for JS RegExp, so a text splits into the
 * same pieces tiktoken's Rust regex finds. BPE then runs on each piece alone, so the count of a text
 * is the sum of its pieces' counts. The translation:
 * - `\s`/`\S` are Rust's Unicode White_Space: `\p{White_Space}` here (JS `\s` adds U+FEFF).
 * - `(?i:'s|'t|'re|'ve|'m|'ll|'d)`: Node 20's RegExp has no inline flags, and a global `i` would also
 *   make `\p{Lu}` match lowercase. Expanded with Rust's simple case folding, where `s` also matches
 *   U+017F (ſ); none of t, r, e, v, m, l, d has another fold.
 * - `\p{L}`, `\p{Lu}`, `\p{M}`, `\p{N}`... are general categories in both; they agree except on code
 *   points whose category changed between the two engines' Unicode versions (unicode-drift.ts).
 * Alternation is leftmost-first and the lookahead `\s+(?!\S)` backtracks the same way in both.
 */
const WS = '\\p{White_Space}';
const NOT_WS = '\\P{White_Space}';
const CONTRACTION = "(?:'[sS\\u017F]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])";
const OPTIONAL_PREFIX = '[^\\r\\n\\p{L}\\p{N}]?';
const UPPER_OR_CASELESS = '[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]';
const LOWER_OR_CASELESS = '[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]';

const O200K_BASE = [
  `${OPTIONAL_PREFIX}${UPPER_OR_CASELESS}*${LOWER_OR_CASELESS}+${CONTRACTION}?`,
  `${OPTIONAL_PREFIX}${UPPER_OR_CASELESS}+${LOWER_OR_CASELESS}*${CONTRACTION}?`,
  '\\p{N}{1,3}',
  ` ?[^${WS}\\p{L}\\p{N}]+[\\r\\n/]*`,
  `${WS}*[\\r\\n]+`,
  `${WS}+(?!${NOT_WS})`,
  `${WS}+`,
].join('|');

const CL100K_BASE = [
  CONTRACTION,
  `${OPTIONAL_PREFIX}\\p{L}+`,
  '\\p{N}{1,3}',
  ` ?[^${WS}\\p{L}\\p{N}]+[\\r\\n]*`,
  `${WS}*[\\r\\n]+`,
  `${WS}+(?!${NOT_WS})`,
  `${WS}+`,
].join('|');

/** A fresh global RegExp per call: exec() keeps its position in lastIndex, so a pattern is never shared. */
export const tiktokenPattern = (encoding: TiktokenEncoding): RegExp => new RegExp(encoding === 'o200k_base' ? O200K_BASE : CL100K_BASE, 'gu');
