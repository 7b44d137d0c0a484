/**
 * Recognises an AR-LSAT-style prompt: answer options on their own lines, lettered from A
 * (`A. …`, `B) …`, `(C) …`). Returns the letters, or [] when the text is not such a prompt.
 */
const OPTION_LINE = /^\s*\(?([A-J])[.)]\s+\S/;

export const optionLetters = (text: string): string[] => {
  const letters: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = OPTION_LINE.exec(line);
    if (!m) continue;
    const expected = String.fromCharCode(65 + letters.length);
    if (m[1] === expected) letters.push(expected);
    // A letter out of sequence starts a new list (a passage may letter its own rules).
    else if (m[1] === 'A') letters.splice(0, letters.length, 'A');
  }
  return letters.length >= 2 ? letters : [];
};
