/** Writing systems told apart by code-point ranges; `other` is any other letter. */
export type Script = 'latin' | 'cyrillic' | 'greek' | 'arabic' | 'hebrew' | 'devanagari' | 'thai' | 'hangul' | 'kana' | 'han' | 'other';

const OTHER_LETTER = /\p{L}/u;

// Ranges rather than \p{Script=...} per character: this runs on every letter of every record.
/** The script of a code point if it is a letter, else undefined. */
export const scriptOf = (cp: number): Script | undefined => {
  if (cp < 0x80) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) ? 'latin' : undefined;
  if (cp >= 0xc0 && cp <= 0x24f) return cp === 0xd7 || cp === 0xf7 ? undefined : 'latin'; // × ÷ are symbols
  if (cp >= 0x1e00 && cp <= 0x1eff) return 'latin';
  if (cp >= 0x370 && cp <= 0x3ff) return 'greek';
  if (cp >= 0x1f00 && cp <= 0x1fff) return 'greek';
  if (cp >= 0x400 && cp <= 0x52f) return 'cyrillic';
  if (cp >= 0x590 && cp <= 0x5ff) return 'hebrew';
  if ((cp >= 0x600 && cp <= 0x6ff) || (cp >= 0x750 && cp <= 0x77f)) return 'arabic';
  if (cp >= 0x900 && cp <= 0x97f) return 'devanagari';
  if (cp >= 0xe00 && cp <= 0xe7f) return 'thai';
  if ((cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x1100 && cp <= 0x11ff)) return 'hangul';
  if (cp >= 0x3040 && cp <= 0x30ff) return 'kana';
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf)) return 'han';
  return OTHER_LETTER.test(String.fromCodePoint(cp)) ? 'other' : undefined;
};

/**
 * The language a non-Latin script most likely means. A guess: Cyrillic is also Ukrainian or
 * Bulgarian, Arabic script also Persian or Urdu, Devanagari also Marathi or Nepali.
 */
export const SCRIPT_LANGUAGE: Partial<Record<Script, string>> = {
  cyrillic: 'ru',
  greek: 'el',
  arabic: 'ar',
  hebrew: 'he',
  devanagari: 'hi',
  thai: 'th',
  hangul: 'ko',
  kana: 'ja',
  han: 'zh',
};
