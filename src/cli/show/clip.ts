import { formatInt } from '../format-table.js';

/** How much of one text a transcript shows; `--full` lifts both limits. */
export interface ClipLimits {
  lines: number;
  chars: number;
}

export const NO_LIMITS: ClipLimits = { lines: Infinity, chars: Infinity };

const plural = (n: number, word: string) => `${formatInt(n)} ${word}${n === 1 ? '' : 's'}`;

/**
 * A text's lines, cut to the limits, with a note saying how much was left out. Lines are cut
 * first, then characters, so a single huge line (minified JSON, a base64 blob) is cut too.
 */
export const clipText = (text: string, limits: ClipLimits): { lines: string[]; note?: string } => {
  const all = text.split('\n');
  let lines = all.length > limits.lines ? all.slice(0, limits.lines) : all;
  let kept = lines.join('\n');
  if (kept.length > limits.chars) {
    kept = kept.slice(0, limits.chars);
    lines = kept.split('\n');
  }
  if (lines.length === all.length && kept.length === text.length) return { lines };
  const hiddenLines = all.length - lines.length;
  const hidden = hiddenLines > 0 ? plural(hiddenLines, 'more line') : plural(text.length - kept.length, 'more character');
  return { lines, note: `… ${hidden} (--full shows all)` };
};
