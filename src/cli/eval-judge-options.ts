import { readFileSync } from 'node:fs';
import { UsageError } from '../pipeline/errors.js';
import { DEFAULT_JUDGE_MODEL, DEFAULT_JUDGE_RUBRIC, DEFAULT_JUDGE_SCALE } from '../train/eval/scorers/judge-defaults.js';
import type { JudgeSettings } from '../train/eval/scorers/judge.js';

export interface JudgeFlags {
  'judge-model'?: string;
  rubric?: string;
  'rubric-file'?: string;
  'judge-scale'?: string;
  'judge-max-cost'?: string;
}

const FLAGS = ['judge-model', 'rubric', 'rubric-file', 'judge-scale', 'judge-max-cost'] as const;

/** `1-5` -> [1, 5]: whole numbers, the lowest grade first. */
const parseScale = (text: string): [number, number] => {
  const m = /^(\d+)-(\d+)$/.exec(text);
  if (!m || Number(m[1]) >= Number(m[2])) throw new UsageError(`--judge-scale expects LO-HI with whole numbers, LO below HI (e.g. 1-5), got "${text}"`);
  return [Number(m[1]), Number(m[2])];
};

const parseCost = (text: string): number => {
  const usd = Number(text);
  if (!Number.isFinite(usd) || usd <= 0 || text.trim() === '') throw new UsageError(`--judge-max-cost expects a number of USD above 0, got "${text}"`);
  return usd;
};

/**
 * The judge's settings from the command line when a suite is scored by the judge; a usage error
 * when the judge options are given but nothing is scored by the judge (they would do nothing).
 * What is not given is the judge's default (judge-defaults.ts).
 */
export const judgeSettings = (flags: JudgeFlags, judged: boolean, concurrency: number): JudgeSettings | undefined => {
  const given = FLAGS.filter((f) => flags[f] !== undefined);
  if (!judged) {
    if (given.length > 0) throw new UsageError(`--${given[0]} is for the judge, and no suite is scored by it (--scorer judge, or --suite FILE:judge)`);
    return undefined;
  }
  if (flags.rubric !== undefined && flags['rubric-file'] !== undefined) throw new UsageError('give the rubric once: --rubric TEXT or --rubric-file FILE, not both');
  let rubric = flags.rubric ?? DEFAULT_JUDGE_RUBRIC;
  if (flags['rubric-file'] !== undefined) {
    try {
      rubric = readFileSync(flags['rubric-file'], 'utf8');
    } catch (error) {
      throw new UsageError(`--rubric-file ${flags['rubric-file']}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message}`);
    }
  }
  if (rubric.trim() === '') throw new UsageError(`the judge needs a rubric: ${flags['rubric-file'] ?? '--rubric'} is empty`);
  const maxCost = flags['judge-max-cost'];
  return {
    model: flags['judge-model'] ?? DEFAULT_JUDGE_MODEL,
    rubric: rubric.trim(),
    scale: flags['judge-scale'] === undefined ? [...DEFAULT_JUDGE_SCALE] : parseScale(flags['judge-scale']),
    ...(maxCost === undefined ? {} : { maxCostUsd: parseCost(maxCost) }),
    concurrency,
  };
};
