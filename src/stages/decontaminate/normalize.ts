/**
 * Text -> words for overlap matching. Everything a reformatting may change goes: case (NFKC, lower
 * case), punctuation, option letters and prompt labels, whitespace and line wrapping. What is left
 * is the sequence of words, which a copy keeps however it is dressed.
 */

// An option label at the start of a line: "(A)", "A)", "[A]", "A.", "A:". Only at a line start, so
// the article "A." ending a sentence in running text is not taken for a label.
const LINE_LABEL = /^[ \t]*(?:\([A-Ea-e]\)|[A-Ea-e]\)|\[[A-Ea-e]\]|[A-E][.:])(?=\s|$)/gm;
// "(A)" inside a line: options written inline, "(A) red (B) blue".
const INLINE_LABEL = /\([A-Ea-e]\)/g;
// Prompt labels a chat wrapper puts around the fields ("Passage:", "Question:", "Answer:").
const FIELD_LABEL = /\b(?:passage|question|options|choices|answer|context)\s*:/gi;
// Apostrophes join ("Nina's" -> "ninas"), so a copy that swaps ' for ’ still matches.
const APOSTROPHE = /['\u2018\u2019\u02BC`]/g;
// Every other character that is not a letter, digit or combining mark separates words.
const NON_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

const stripLabels = (text: string): string => text.replace(LINE_LABEL, ' ').replace(INLINE_LABEL, ' ').replace(FIELD_LABEL, ' ');

/** The words of a text, labels and punctuation removed. */
export const words = (text: string): string[] => {
  const t = stripLabels(text.normalize('NFKC')).toLowerCase().replace(APOSTROPHE, '').replace(NON_WORD, ' ').trim();
  return t === '' ? [] : t.split(' ');
};

// Marks where a label stood; NUL never survives into words (it is not a letter or digit).
const CUT = '\u0000';

const cutAtLabels = (text: string): string[] =>
  text.normalize('NFKC').replace(LINE_LABEL, CUT).replace(INLINE_LABEL, CUT).replace(FIELD_LABEL, CUT).split(CUT);

const nonEmpty = (w: string[]): boolean => w.length > 0;

/**
 * The pieces of a text between labels, as words: a prompt with lettered options gives the question
 * and each option apart, so reordered options still match one by one. Line breaks do not cut, so a
 * re-wrapped passage stays one piece.
 */
export const labelledPieces = (text: string): string[][] => cutAtLabels(text).map(words).filter(nonEmpty);

/**
 * The pieces of a formatted prompt cut at line breaks as well: in an eval prompt an option or a
 * short question sits on its own line or after a label, and is matched whole when it is too short
 * for n-grams.
 */
export const segments = (text: string): string[][] =>
  cutAtLabels(text).flatMap((piece) => piece.split(/\r\n?|\n/)).map(words).filter(nonEmpty);
