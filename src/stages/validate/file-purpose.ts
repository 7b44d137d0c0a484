import { basename } from 'node:path';

export type FilePurpose = 'train' | 'validation';

/** Words of a file name that mark a validation file. */
export const VALIDATION_WORDS: readonly string[] = ['validation', 'val', 'eval', 'evaluation', 'dev'];
const TRAINING_WORDS: readonly string[] = ['train', 'training'];

/**
 * What a file is for, from its name when `--purpose` does not say: a validation file when one of
 * the name's words (split at anything but letters and digits, case folded) is validation, val,
 * eval, evaluation or dev, and none is train or training. Words, not substrings: "invalid" and
 * "retrieval" are not validation, and neither is "valid" (`valid-sft.jsonl` says the file is
 * correct). Anything else, an ambiguous name included, is checked as a training file, the stricter check.
 */
export const filePurpose = (path: string, explicit?: FilePurpose): { purpose: FilePurpose; byName: boolean } => {
  if (explicit !== undefined) return { purpose: explicit, byName: false };
  const words = basename(path).toLowerCase().split(/[^a-z0-9]+/);
  const validation = words.some((w) => VALIDATION_WORDS.includes(w)) && !words.some((w) => TRAINING_WORDS.includes(w));
  return { purpose: validation ? 'validation' : 'train', byName: true };
};
