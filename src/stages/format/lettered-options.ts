const LETTERS = 'ABCDEFGHIJ';

/** `A. first\nB. second...`: the letters follow the options, whatever their count. */
export const letteredOptions = (options: readonly string[]): string => {
  if (options.length > LETTERS.length) throw new Error(`at most ${LETTERS.length} options can be lettered, got ${options.length}`);
  return options.map((o, i) => `${LETTERS[i]}. ${o}`).join('\n');
};
