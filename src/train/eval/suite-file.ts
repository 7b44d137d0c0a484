import type { Suite } from './eval-types.js';

/** `--suite FILE[:SCORER]`: the file, and the scorers named after the last colon (none: decided by readSuiteFile). */
export interface SuiteOption {
  path: string;
  scorers: string[];
}

// Placeholder (issue 14)
export const parseSuiteOption = (_text: string): SuiteOption => {
  throw new Error('parseSuiteOption: not built yet');
};

/**
 * Placeholder (issue 14): reads a --suite file (chat JSONL or OpenAI-evals JSONL). Scorers: those
 * the option named; else `letter` when every reference is a single option letter; else `fallback`
 * (the --scorer list).
 */
export const readSuiteFile = (_option: SuiteOption, _fallback: readonly string[]): Suite => {
  throw new Error('readSuiteFile: not built yet');
};

/** Placeholder (issue 14): the run's held-out split as a suite (ids from meta.jsonl). */
export const splitSuite = (_runDir: string, _split: string, _scorers: readonly string[]): Suite => {
  throw new Error('splitSuite: not built yet');
};
