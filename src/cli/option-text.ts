import type { OptionDoc } from '../pipeline/option-docs.js';

const WIDTH = 100;

/**
 * Words wrapped to lines of at most `width` characters (a longer word gets a line of its own), the
 * first line indented by `indent`, the others by `hanging` (the same unless given).
 */
export const wrapText = (text: string, indent: string, hanging = indent, width = WIDTH): string[] => {
  const lines: string[] = [];
  let line = '';
  const prefix = () => (lines.length === 0 ? indent : hanging);
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && prefix().length + line.length + 1 + word.length > width) {
      lines.push(prefix() + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(prefix() + line);
  return lines;
};

/** `int >= 1, default 1`; `string[], when absent: every field`; `string, required`. */
export const optionSummary = (o: OptionDoc): string => {
  if (o.default !== undefined) return `${o.type}, default ${o.default}`;
  if (o.whenAbsent !== undefined) return `${o.type}, when absent: ${o.whenAbsent}`;
  return `${o.type}, ${o.required ? 'required' : 'optional'}`;
};

/** Options as terminal text: name, type and default on one line, the description wrapped below. */
export const formatOptionList = (options: readonly OptionDoc[], indent = '  '): string[] => {
  const width = Math.max(...options.map((o) => o.path.length));
  return options.flatMap((o) => [`${indent}${o.path.padEnd(width)}  ${optionSummary(o)}`, ...wrapText(o.description, `${indent}    `)]);
};
