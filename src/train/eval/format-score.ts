import type { ScoreUnit } from './scorer-types.js';

// How a score reads wherever it is shown (the run report, the side-by-side page, `tuneset runs`):
// each unit keeps the precision its reference tool prints (sacreBLEU two decimals, rouge-score three).

const DIGITS: Record<ScoreUnit, number> = { proportion: 1, points: 2, f1: 3, grade: 2 };

/** `62.0%` (proportion), `41.20` (BLEU points), `0.412` (ROUGE F1), `3.85` (a judge's grade). */
export const formatScore = (value: number, unit: ScoreUnit): string => (unit === 'proportion' ? `${(value * 100).toFixed(1)}%` : value.toFixed(DIGITS[unit]));

/** A difference between two scores, signed: `+5.0 pts` for proportions (percentage points), `-0.031` for F1. */
export const formatDifference = (value: number, unit: ScoreUnit): string => {
  const text = unit === 'proportion' ? `${(Math.abs(value) * 100).toFixed(1)} pts` : Math.abs(value).toFixed(DIGITS[unit]);
  // A difference that rounds to zero shows no sign, so `-0.000` is never printed.
  return Number(text.replace(/[^0-9.]/g, '')) === 0 ? text : `${value < 0 ? '-' : '+'}${text}`;
};

/** The unit a scorer's numbers are in, when eval.json has no score of it to say so. */
export const unitOfScorer = (scorer: string): ScoreUnit => (scorer === 'bleu' ? 'points' : scorer === 'rouge' ? 'f1' : scorer === 'judge' ? 'grade' : 'proportion');

/** The ends of a unit's scale (the judge: its own, default 1..5). */
export const rangeOfUnit = (unit: ScoreUnit, judgeScale?: readonly [number, number]): [number, number] =>
  unit === 'points' ? [0, 100] : unit === 'grade' ? [judgeScale?.[0] ?? 1, judgeScale?.[1] ?? 5] : [0, 1];
