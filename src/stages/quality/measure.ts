import { type Script, scriptOf } from './scripts.js';

/** Everything the rules need, gathered in one pass over the text. */
export interface TextStats {
  /** Words lowercased with edge punctuation stripped; tokens of punctuation alone are not words. */
  words: string[];
  /** Sum of word lengths: the denominator of the n-gram shares (Gopher counts characters). */
  wordChars: number;
  wordsWithLetter: number;
  hashes: number;
  ellipses: number;
  /** Raw tokens lowercased and joined by single spaces, for phrase search. */
  flat: string;
  lines: number;
  linesEndingInPunctuation: number;
  duplicateLines: number;
  paragraphs: number;
  duplicateParagraphs: number;
  letters: Map<Script, number>;
}

const EDGES = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
// C4 keeps lines ending in a terminal mark or closing quote; a closing bracket after one counts too.
const ENDS_IN_PUNCTUATION = /(?:[.!?…]["'”’)\]]*|["”’])$/;

export const measure = (text: string): TextStats => {
  const s: TextStats = {
    words: [],
    wordChars: 0,
    wordsWithLetter: 0,
    hashes: 0,
    ellipses: 0,
    flat: '',
    lines: 0,
    linesEndingInPunctuation: 0,
    duplicateLines: 0,
    paragraphs: 0,
    duplicateParagraphs: 0,
    letters: new Map(),
  };
  const flat: string[] = [];
  const seenLines = new Set<string>();
  const seenParagraphs = new Set<string>();
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length === 0) return;
    const p = paragraph.join('\n');
    s.paragraphs++;
    if (seenParagraphs.has(p)) s.duplicateParagraphs++;
    else seenParagraphs.add(p);
    paragraph = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      endParagraph();
      continue;
    }
    paragraph.push(line);
    s.lines++;
    if (ENDS_IN_PUNCTUATION.test(line)) s.linesEndingInPunctuation++;
    if (seenLines.has(line)) s.duplicateLines++;
    else seenLines.add(line);
    for (const token of line.split(/\s+/)) {
      if (token === '') continue;
      flat.push(token.toLowerCase());
      let hasLetter = false;
      let dots = 0;
      for (const ch of token) {
        const cp = ch.codePointAt(0)!;
        if (cp === 0x23) s.hashes++;
        else if (cp === 0x2026) s.ellipses++;
        dots = cp === 0x2e ? dots + 1 : 0;
        if (dots === 3) {
          s.ellipses++;
          dots = 0;
        }
        const script = scriptOf(cp);
        if (script !== undefined) {
          hasLetter = true;
          s.letters.set(script, (s.letters.get(script) ?? 0) + 1);
        }
      }
      const word = token.replace(EDGES, '').toLowerCase();
      if (word === '') continue;
      s.words.push(word);
      s.wordChars += word.length;
      if (hasLetter) s.wordsWithLetter++;
    }
  }
  endParagraph();
  s.flat = flat.join(' ');
  return s;
};
