import { hashSeed } from '../random.js';

/** The words of the user message that structured-output strings quote, picked by hashes. */

export interface TextHints {
  /** Text of the last user message. */
  userText: string;
  /** The letter chosen for an AR-LSAT-style prompt. */
  letter: string | undefined;
}

const splitWords = (text: string): string[] =>
  text
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w !== '');

// One answer quotes the same prompt for every string field: split it once.
let memo: { text: string; words: string[] } = { text: '', words: [] };

export const words = (text: string): string[] => {
  if (memo.text !== text) memo = { text, words: splitWords(text) };
  return memo.words;
};

const FALLBACK_WORDS = ['the', 'request', 'as', 'given'];

/** `count` consecutive words of the prompt from a hashed start (wrapping round a short prompt). */
export const quote = (hints: TextHints, key: string, count: number): string => {
  const all = words(hints.userText);
  const pool = all.length > 0 ? all : FALLBACK_WORDS;
  const start = hashSeed(`quote:${key}\n${hints.userText}`) % pool.length;
  return Array.from({ length: count }, (_, i) => pool[(start + i) % pool.length]).join(' ');
};

