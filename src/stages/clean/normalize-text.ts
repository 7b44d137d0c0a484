// Zero-width and byte-order marks carry no meaning in training text and make equal strings differ.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// C0/C1 controls other than tab, line feed and carriage return (those are whitespace, handled below).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Every run of horizontal space (tab, no-break space, the U+2000 block, ideographic space...) becomes
// one ' '. Written to match only runs that change, not every single space, which halves the cost.
const HORIZONTAL_SPACE = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000][\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000 ]*| [\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000 ]+/g;
/** Whitespace runs other than a lone space. */
export const WHITESPACE_TO_FOLD = /[^\S ]\s*| \s+/g;
const LINE_BREAK = /\r\n?|[\u2028\u2029\u0085]/g;

export type WhitespaceMode = 'lines' | 'collapse';

/**
 * Unicode NFC, invisible and control characters removed, spaces collapsed, trimmed. In `lines` mode
 * line breaks survive (at most one blank line in a row); in `collapse` mode all whitespace becomes
 * single spaces.
 */
export const normalizeText = (text: string, mode: WhitespaceMode = 'lines'): string => {
  let t = text.normalize('NFC').replace(LINE_BREAK, '\n').replace(INVISIBLE, '').replace(CONTROL, '');
  if (mode === 'collapse') return t.replace(WHITESPACE_TO_FOLD, ' ').trim();
  t = t.replace(HORIZONTAL_SPACE, ' ').replace(/ ?\n ?/g, '\n').replace(/\n{3,}/g, '\n\n');
  return t.trim();
};
