/** Characters of input an error message quotes at most. */
export const EXCERPT_CHARS = 80;

/**
 * A short, printable quote of input for an error message: control characters and NULs escaped
 * (`\n`, `\u0000`), cut after `max` characters with how much was left out. A header error once
 * echoed a 25 MB run of NULs; a message must stay one readable line whatever the input holds.
 */
export const excerpt = (text: string, max = EXCERPT_CHARS): string => {
  const chars = Array.from(text.length > max * 2 + 8 ? text.slice(0, max * 2 + 8) : text);
  const shown = chars.slice(0, max).join('');
  const escaped = JSON.stringify(shown).slice(1, -1).replace(/\\"/g, '"');
  if (text.length <= max || chars.length <= max) return escaped;
  return `${escaped}... (${text.length - shown.length} more characters)`;
};
