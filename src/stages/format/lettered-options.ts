import { TemplateDefect } from './template-failure.js';

const LETTERS = 'ABCDEFGHIJ';

/** The most options `letteredOptions` can name (A-J); the AR-LSAT importer drops a question with more. */
export const MAX_LETTERED_OPTIONS = LETTERS.length;

/** `A. first\nB. second...`: the letters follow the options, whatever their count (at most ten: toChat drops a record with more as too_many_options). */
export const letteredOptions = (options: readonly string[]): string => {
  if (options.length > LETTERS.length) {
    throw new TemplateDefect('too_many_options', { options: options.length, limit: LETTERS.length }, `at most ${LETTERS.length} options can be lettered, got ${options.length}`);
  }
  return options.map((o, i) => `${LETTERS[i]}. ${o}`).join('\n');
};
