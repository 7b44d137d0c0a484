/** Scores a model's answer against the expected one: 1 correct, 0 wrong. */
export type Scorer = (answer: string, expected: string) => 0 | 1;

/** The first standalone capital letter A-J ("C", "(C)", "C.", "The answer is C"), for lettered options. */
export const extractLetter = (answer: string): string | undefined => /(?<![A-Za-z])([A-J])(?![A-Za-z])/.exec(answer.trim())?.[1];

export const SCORERS: Record<string, Scorer> = {
  /** AR-LSAT and any multiple choice: the answer's letter equals the expected letter. */
  letter: (answer, expected) => (extractLetter(answer) !== undefined && extractLetter(answer) === extractLetter(expected) ? 1 : 0),
  /** The whole answer, trimmed and case-folded, equals the expected text. */
  exact: (answer, expected) => (answer.trim().toLowerCase() === expected.trim().toLowerCase() ? 1 : 0),
};
