/**
 * Guards the tokenizer against hostile input. tiktoken first splits text into pieces with a regex
 * (words, number groups, punctuation runs, whitespace runs) and then runs BPE on each piece; BPE on
 * one piece costs time quadratic in its UTF-8 length (tiktoken WASM on o200k_base: ~40 ms for a
 * single 8,192-byte run of `a`, ~60 ms for 10,000, ~5.7 s for 100,000; 10,000 CJK characters =
 * 30,000 bytes take ~470 ms). One scraped line of `=====` or a base64 blob without separators could
 * stall a run for minutes, so such records are measured cheaply before anything is encoded.
 *
 * Rule: every piece the pre-tokenizer cannot split that is at least LONG_RUN_BYTES long costs its
 * length squared; a record whose total exceeds MAX_RUN_BYTES² is dropped (`unbroken_run_too_long`).
 * So any single run over 8,192 bytes drops the record, and the BPE time spent on long pieces is
 * bounded by that of one 8,192-byte run (~40 ms per record). Shorter pieces cost little each and
 * their total is linear in the text length. Everything that is not dropped is counted exactly.
 */

/** Pieces shorter than this cost too little to matter (under 1 ms each). */
export const LONG_RUN_BYTES = 1024;
/** A record may spend as much BPE time on long pieces as one run of this many bytes takes. */
export const MAX_RUN_BYTES = 8192;
/** A character is at most 4 UTF-8 bytes, so a run of fewer characters cannot reach LONG_RUN_BYTES. */
const MIN_CANDIDATE_CHARS = LONG_RUN_BYTES / 4;

export interface RunMeasure {
  /** The longest piece found, in UTF-8 bytes (only runs of MIN_CANDIDATE_CHARS or more are inspected). */
  longestRun: number;
  /** Sum of the squared lengths of pieces of LONG_RUN_BYTES or more. */
  sumOfSquares: number;
}

/** Unicode White_Space, as the tokenizer's `\s` sees it (JS `\s` differs on U+0085 and U+FEFF). */
const isSpace = (c: number): boolean =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  (c > 127 &&
    (c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000));

/**
 * Upper bounds of the pieces inside a run without whitespace. The pre-tokenizers of o200k_base and
 * cl100k_base never join a letter (or combining mark) with a digit, and split digits into groups of
 * at most three, so a piece lies within a run of letters and marks, or is a punctuation piece: a run
 * of characters that are neither letters, digits nor whitespace (marks included: cl100k_base puts
 * them there) followed by newlines and slashes (`[^\s\p{L}\p{N}]+[\r\n/]*`), which is how `/\n/\n…`
 * becomes one piece. Both patterns are greedy, so every real piece lies inside one of their matches
 * (give or take the one-character prefix the patterns allow), and both are linear in the run length.
 */
const LETTERS = /[\p{L}\p{M}]+/gu;
// \p{White_Space}, not \s: JS's \s also matches U+FEFF, which the tokenizer treats as punctuation.
const PUNCTUATION = /[^\p{White_Space}\p{L}\p{N}]+[\r\n/]*/gu;

const addPiece = (m: RunMeasure, piece: string): void => {
  if (piece.length < MIN_CANDIDATE_CHARS) return;
  const bytes = Buffer.byteLength(piece, 'utf8');
  if (bytes > m.longestRun) m.longestRun = bytes;
  if (bytes >= LONG_RUN_BYTES) m.sumOfSquares += bytes * bytes;
};

const inspectText = (m: RunMeasure, run: string): void => {
  for (const pattern of [LETTERS, PUNCTUATION]) {
    for (const match of run.matchAll(pattern)) addPiece(m, match[0]);
  }
};

/**
 * Measures the long unbroken runs in the strings a record would encode. A plain character loop finds
 * two kinds of run: whitespace (at most one piece: `\s+(?!\S)`, `\s*[\r\n]+`, `\s+`), and text
 * without spaces, where newlines do not break the run because a punctuation piece may swallow them.
 * Only runs long enough to hold a long piece are then inspected with the patterns above. (A regex
 * such as /\S{256,}/ to find them backtracks on every shorter run: ~340 ms per MB of 255-character
 * words, against a few ms for the loop.)
 */
export const measureRuns = (texts: Iterable<string>): RunMeasure => {
  const m: RunMeasure = { longestRun: 0, sumOfSquares: 0 };
  for (const text of texts) {
    if (text.length < MIN_CANDIDATE_CHARS) continue;
    let textStart = -1;
    let spaceStart = -1;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : -1;
      const space = c >= 0 && isSpace(c);
      const inText = c >= 0 && (!space || c === 10 || c === 13);
      if (inText) {
        if (textStart < 0) textStart = i;
      } else if (textStart >= 0) {
        if (i - textStart >= MIN_CANDIDATE_CHARS) inspectText(m, text.slice(textStart, i));
        textStart = -1;
      }
      if (space) {
        if (spaceStart < 0) spaceStart = i;
      } else if (spaceStart >= 0) {
        if (i - spaceStart >= MIN_CANDIDATE_CHARS) addPiece(m, text.slice(spaceStart, i));
        spaceStart = -1;
      }
    }
  }
  return m;
};

export interface RunVerdict {
  code: 'unbroken_run_too_long';
  detail: { longestRun: number; threshold: number; equivalentRun: number };
}

/**
 * The drop reason when a record's long runs would cost more than one MAX_RUN_BYTES run, else
 * undefined. `equivalentRun` is the single run length with the same cost (√ of the sum of squares),
 * which explains a drop caused by several runs each under the threshold.
 */
export const checkRuns = (texts: Iterable<string>, maxRunBytes = MAX_RUN_BYTES): RunVerdict | undefined => {
  const m = measureRuns(texts);
  if (m.sumOfSquares <= maxRunBytes * maxRunBytes) return undefined;
  return {
    code: 'unbroken_run_too_long',
    detail: { longestRun: m.longestRun, threshold: maxRunBytes, equivalentRun: Math.ceil(Math.sqrt(m.sumOfSquares)) },
  };
};
