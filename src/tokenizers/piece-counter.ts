import { tiktokenFor, type TiktokenEncoding, type TokenEncoder } from './tiktoken-encoder.js';
import { tiktokenPattern } from './tiktoken-patterns.js';
import { DRIFT_COVERS_UNICODE_MAJOR, UNICODE_DRIFT } from './unicode-drift.js';

export interface PieceCacheLimits {
  /** Pieces kept per generation; two generations are kept, so at most twice this many. */
  maxEntries: number;
  /** Longer pieces are always encoded (they are rare, and would cost the most memory). */
  maxPieceChars: number;
}

/** At most 2 × 16,384 pieces of at most 32 characters: ~4 MB in the worst case, ~2 MB for words. */
export const DEFAULT_PIECE_CACHE_LIMITS: PieceCacheLimits = { maxEntries: 16_384, maxPieceChars: 32 };

/**
 * Text this process cannot split as tiktoken does, encoded whole instead: a lone surrogate (tiktoken's
 * JS binding turns it into U+FFFD on the way to UTF-8, and a JS RegExp sees a surrogate), or a code
 * point whose class differs between Unicode versions (unicode-drift.ts).
 */
const UNSPLITTABLE = new RegExp(`\\p{Cs}|${UNICODE_DRIFT.source}`, 'u');
const unicodeMajor = Number.parseInt(process.versions.unicode ?? '0', 10);
/** A runtime whose RegExp knows a Unicode newer than the drift table covers could split new letters differently. */
const SPLITTING_TRUSTED = unicodeMajor > 0 && unicodeMajor <= DRIFT_COVERS_UNICODE_MAJOR;

/**
 * Flat copy of a piece before it is kept: a match of 13 or more characters may be a V8 slice that
 * holds the whole text it came from alive, which would make the cache's memory grow with the data.
 */
const ownCopy = (s: string): string => (s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le'));

/**
 * Exact tiktoken counts, reused below the message level. tiktoken's encode_ordinary splits a text
 * with its pattern and runs BPE on each piece alone (a piece that is itself a token is that token),
 * so a text's count is the sum of its pieces' counts. Pieces repeat far more than texts do: an
 * AR-LSAT passage is sent once per question, and words recur across every example. So each piece's
 * count is kept in a bounded cache, and only unseen pieces reach the WASM encoder.
 *
 * The cache has two generations: lookups try the current one, then the previous one (a hit there is
 * copied forward); when the current one is full it becomes the previous one and the older one is
 * dropped. Pieces in use survive, memory is bounded, and a hit costs one or two Map lookups (an LRU
 * would re-insert on every hit).
 */
export class PieceCounter implements TokenEncoder {
  private current = new Map<string, number>();
  private previous = new Map<string, number>();
  private readonly pattern: RegExp;
  /** Pieces answered from the cache, and pieces encoded. */
  hits = 0;
  misses = 0;
  /** Texts encoded whole because they cannot be split here (see UNSPLITTABLE). */
  wholeTexts = 0;

  constructor(
    encoding: TiktokenEncoding,
    private readonly encoder: TokenEncoder,
    private readonly limits: PieceCacheLimits = DEFAULT_PIECE_CACHE_LIMITS,
    private readonly trusted = SPLITTING_TRUSTED,
  ) {
    this.pattern = tiktokenPattern(encoding);
  }

  /** Pieces kept now. */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  count(text: string): number {
    if (text.length === 0) return 0;
    if (!this.trusted || UNSPLITTABLE.test(text)) {
      this.wholeTexts++;
      return this.encoder.count(text);
    }
    const pattern = this.pattern;
    pattern.lastIndex = 0;
    let n = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) n += this.piece(m[0]);
    return n;
  }

  private piece(piece: string): number {
    if (piece.length > this.limits.maxPieceChars) {
      this.misses++;
      return this.encoder.count(piece);
    }
    let n = this.current.get(piece);
    if (n !== undefined) {
      this.hits++;
      return n;
    }
    n = this.previous.get(piece);
    if (n === undefined) {
      this.misses++;
      n = this.encoder.count(piece);
    } else this.hits++;
    if (this.current.size >= this.limits.maxEntries) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(ownCopy(piece), n);
    return n;
  }
}

/** The exact count of tiktoken's encode_ordinary for `encoding`, piece by piece (see PieceCounter). */
export const pieceCounter = (encoding: TiktokenEncoding, limits?: PieceCacheLimits): PieceCounter => {
  const enc = tiktokenFor(encoding);
  return new PieceCounter(encoding, { count: (text) => enc.encode_ordinary(text).length }, limits);
};
