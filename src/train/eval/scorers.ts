/** Reads a model's reply and scores it against the expected answer. */
export interface Scorer {
  /** The answer the reply gives, as this scorer reads it (for predictions.jsonl); null when it gives none. */
  predict(reply: string): string | null;
  /** 1 when the reply's answer is the expected one, else 0. */
  score(reply: string, expected: string): 0 | 1;
}

/** The first standalone capital letter A-J ("C", "(C)", "C.", "The answer is C"), for lettered options. */
export const extractLetter = (answer: string): string | undefined => /(?<![A-Za-z])([A-J])(?![A-Za-z])/.exec(answer.trim())?.[1];

export const SCORERS: Record<string, Scorer> = {
  /** AR-LSAT and any multiple choice: the answer's letter equals the expected letter. */
  letter: {
    predict: (reply) => extractLetter(reply) ?? null,
    score: (reply, expected) => (extractLetter(reply) !== undefined && extractLetter(reply) === extractLetter(expected) ? 1 : 0),
  },
  /** The whole answer, trimmed and case-folded, equals the expected text. */
  exact: {
    predict: (reply) => reply.trim(),
    score: (reply, expected) => (reply.trim().toLowerCase() === expected.trim().toLowerCase() ? 1 : 0),
  },
};
