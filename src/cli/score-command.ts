import type { Io } from './cli.js';

// Placeholder (issue 14): `tuneset score` scores prediction and reference files line by line.
export const SCORE_HELP = `Usage: tuneset score --scorer bleu|rouge|exact --prediction FILE --reference FILE [--reference FILE ...] [--json]`;

export const scoreCommand = async (_argv: string[], io: Io): Promise<number> => {
  io.stderr.write('error: tuneset score is not built yet\n');
  return 1;
};
