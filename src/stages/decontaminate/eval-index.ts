import type { InputRecord, StageContext } from '../../pipeline/stage.js';
import { ngramHashes, wholeHash } from './features.js';
import { segments, words } from './normalize.js';
import { readEvalTexts } from './eval-readers.js';

/**
 * Every eval n-gram hash -> the eval items that contain it, built once per run. Item ids are kept
 * once, in an array; postings hold their positions, a bare number for the usual single owner.
 */
export class EvalIndex {
  readonly ids: string[] = [];
  /** The eval files read, with their hashes, for the stage's report. */
  readonly inputs: InputRecord[] = [];
  private readonly postings = new Map<number, number | number[]>();

  constructor(readonly n: number) {}

  /** Adds one eval item: n-grams of each text as a whole, and every short piece of it whole. */
  add(id: string, texts: readonly string[]): void {
    const at = this.ids.push(id) - 1;
    for (const text of texts) {
      // n-grams run over the whole text, so a passage wrapped over many lines is one sequence.
      for (const h of ngramHashes(words(text), this.n)) this.post(h, at);
      // Options and short questions sit on their own lines or after a label inside a prompt.
      for (const piece of segments(text)) if (piece.length < this.n) this.post(wholeHash(piece), at);
    }
  }

  private post(hash: number, at: number): void {
    const owners = this.postings.get(hash);
    if (owners === undefined) this.postings.set(hash, at);
    else if (typeof owners === 'number') {
      if (owners !== at) this.postings.set(hash, [owners, at]);
    } else if (owners.at(-1) !== at) owners.push(at);
  }

  /** Positions (in `ids`) of the eval items that contain a feature. */
  owners(hash: number): number | readonly number[] | undefined {
    return this.postings.get(hash);
  }

  get features(): number {
    return this.postings.size;
  }
}

/**
 * Reads eval files (OpenAI evals JSONL, chat JSONL or AR-LSAT JSON, gzip or not, paths or URLs),
 * streamed, into an index of their word n-grams.
 */
export const buildEvalIndex = async (
  against: readonly string[],
  options: { n?: number; signal?: AbortSignal } = {},
): Promise<EvalIndex> => {
  const index = new EvalIndex(options.n ?? 13);
  const ctx: Pick<StageContext, 'recordInput' | 'signal'> = {
    signal: options.signal ?? new AbortController().signal,
    recordInput: (input) => void index.inputs.push(input),
  };
  for (const uri of against) for await (const { id, texts } of readEvalTexts(uri, ctx)) index.add(id, texts);
  return index;
};
