import { UsageError } from '../../pipeline/errors.js';

/** `--grep`: plain text matches case-insensitively; `/regex/flags` is a JavaScript regular expression. */
export interface Grep {
  /** As the user wrote it, for the summary line. */
  label: string;
  test(texts: readonly string[]): boolean;
}

// Flags limited to real ones, so a path such as /usr/local/bin stays plain text.
const REGEX = /^\/(.+)\/([dgimsuvy]*)$/s;

export const parseGrep = (pattern: string): Grep => {
  const label = `--grep ${JSON.stringify(pattern)}`;
  const literal = REGEX.exec(pattern);
  if (!literal) {
    const needle = pattern.toLowerCase();
    return { label, test: (texts) => texts.some((t) => t.toLowerCase().includes(needle)) };
  }
  let re: RegExp;
  try {
    // g and y make test() remember where it stopped; every text is searched from its start.
    re = new RegExp(literal[1]!, literal[2]!.replace(/[gy]/g, ''));
  } catch (error) {
    throw new UsageError(`--grep ${pattern}: not a valid regular expression (${(error as Error).message})`);
  }
  return { label, test: (texts) => texts.some((t) => re.test(t)) };
};
