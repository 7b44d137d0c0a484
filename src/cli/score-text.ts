import type { SuiteScore } from '../train/eval/eval-types.js';
import type { ScoreUnit } from '../train/eval/scorer-types.js';

// What `tuneset score` prints: sacreBLEU's line for BLEU (so the two can be compared by eye), a
// line of the same shape for the other scorers, then the signature and the 95% interval.

/**
 * Python's `f"{x:.{d}f}"`: like toFixed, except that an exact tie (6.25 to one decimal) rounds to
 * even as Python does, where toFixed rounds up. Precisions such as 100/16 are such ties.
 */
export const pyFixed = (x: number, digits: number): string => {
  const long = x.toFixed(digits + 25);
  const cut = long.indexOf('.') + digits + (digits === 0 ? 0 : 1);
  const rest = long.slice(cut).replace('.', '');
  if (!/^50*$/.test(rest)) return x.toFixed(digits);
  const truncated = long.slice(0, cut).replace(/\.$/, '');
  const lastDigit = Number(truncated.at(-1));
  return lastDigit % 2 === 0 ? truncated : (Number(truncated) + Math.sign(x || 1) * 10 ** -digits).toFixed(digits);
};

/** Named as sacreBLEU names its scores; the others by what their headline number is. */
export const SCORE_NAMES: Readonly<Record<string, string>> = { bleu: 'BLEU', rouge: 'ROUGE-L F1', exact: 'exact match', letter: 'letter accuracy' };

const valueText = (value: number, unit: ScoreUnit): string =>
  unit === 'proportion' ? `${pyFixed(value * 100, 1)}%` : unit === 'f1' ? pyFixed(value, 3) : pyFixed(value, 2);

/** sacreBLEU's verbose part: `82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)`. */
export const bleuVerbose = (c: Readonly<Record<string, number>>): string =>
  `${[c['p1'], c['p2'], c['p3'], c['p4']].map((p) => pyFixed(p ?? 0, 1)).join('/')} ` +
  `(BP = ${pyFixed(c['bp'] ?? 0, 3)} ratio = ${pyFixed(c['ratio'] ?? 0, 3)} hyp_len = ${c['sys_len'] ?? 0} ref_len = ${c['ref_len'] ?? 0})`;

/** `1 line`, `3 lines`. */
export const lineCount = (n: number): string => `${n} line${n === 1 ? '' : 's'}`;

/** The headline line. */
const headline = (s: SuiteScore): string => {
  const name = SCORE_NAMES[s.scorer] ?? s.scorer;
  const value = valueText(s.score, s.unit);
  if (s.scorer === 'bleu' && s.components) return `${name} = ${value} ${bleuVerbose(s.components)}`;
  if (s.scorer === 'rouge' && s.components) {
    const { rouge1 = 0, rouge2 = 0 } = s.components;
    return `${name} = ${value} (ROUGE-1 F1 = ${pyFixed(rouge1, 3)} ROUGE-2 F1 = ${pyFixed(rouge2, 3)}, mean over ${lineCount(s.n)})`;
  }
  if (s.correct !== undefined) return `${name} = ${value} (${s.correct} of ${lineCount(s.n)})`;
  return `${name} = ${value} (${lineCount(s.n)})`;
};

/** The whole text report: headline, signature, interval (and the unscored lines, when any). */
export const scoreText = (s: SuiteScore, signature: string, resamples: number): string => {
  const how = s.method === 'wilson' ? 'Wilson' : `percentile bootstrap, ${resamples} resamples of the ${lineCount(s.n)}, seeded`;
  const out = [headline(s), `signature: ${signature}`, `95% interval: ${valueText(s.interval95.low, s.unit)} to ${valueText(s.interval95.high, s.unit)} (${how})`];
  if (s.unscored > 0) out.push(`unscored: ${lineCount(s.unscored)} (not counted)`);
  return `${out.join('\n')}\n`;
};
