import { UsageError } from '../../../pipeline/errors.js';
import type { Scorer } from '../scorer-types.js';
import { bleuScorer } from './bleu.js';
import { exactScorer } from './exact.js';
import { judgeScorer, type JudgeSettings } from './judge.js';
import { letterScorer } from './letter.js';
import { rougeScorer } from './rouge.js';

/** The scorers that need no model: `tuneset score` offers these. */
export const TEXT_SCORERS: Readonly<Record<string, Scorer>> = { letter: letterScorer, exact: exactScorer, rouge: rougeScorer, bleu: bleuScorer };

export const SCORER_NAMES = [...Object.keys(TEXT_SCORERS), 'judge'] as const;

export const isScorerName = (name: string): boolean => (SCORER_NAMES as readonly string[]).includes(name);

/** The scorer called `name`; the judge needs its settings. */
export const scorerFor = (name: string, judge?: JudgeSettings): Scorer => {
  if (name === 'judge') {
    if (!judge) throw new UsageError('the judge scorer needs its settings (--judge-model, --rubric)');
    return judgeScorer(judge);
  }
  const scorer = TEXT_SCORERS[name];
  if (!scorer) throw new UsageError(`--scorer expects ${SCORER_NAMES.join(', ')}, got "${name}"`);
  return scorer;
};
