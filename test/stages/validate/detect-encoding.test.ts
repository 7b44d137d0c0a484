import { expect, test } from 'vitest';
import { detectEncoding } from '../../../src/stages/validate/detect-encoding.js';

const LINE = '{"messages": [{"role": "user", "content": "Is moss a plant?"}, {"role": "assistant", "content": "Yes."}]}\n';
const JAPANESE = '{"messages": [{"role": "user", "content": "苔は植物ですか？詳しく教えてください。"}, {"role": "assistant", "content": "はい、維管束を持たない植物です。"}]}\n';
const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf32le = (s: string) => {
  const chars = [...s];
  const out = Buffer.alloc(chars.length * 4);
  chars.forEach((ch, i) => out.writeUInt32LE(ch.codePointAt(0)!, i * 4));
  return out;
};

test.each([
  ['UTF-16 LE', utf16le(LINE)],
  ['UTF-16 BE', utf16le(LINE).swap16()],
  ['UTF-32 LE', utf32le(LINE)],
  ['UTF-32 BE', utf32le(LINE).swap32()],
  // Mostly non-ASCII text still has the ASCII of the JSON around it.
  ['UTF-16 LE', utf16le(JAPANESE)],
  ['UTF-16 BE', utf16le(JAPANESE).swap16()],
])('%s without a byte order mark is found by its NUL bytes', (encoding, bytes) => {
  expect(detectEncoding(bytes)).toEqual({ encoding, bom: false });
});

test.each([
  ['UTF-16 LE', utf16le(`\uFEFF${LINE}`)],
  ['UTF-16 BE', utf16le(`\uFEFF${LINE}`).swap16()],
  ['UTF-32 LE', utf32le(`\uFEFF${LINE}`)],
  ['UTF-32 BE', utf32le(`\uFEFF${LINE}`).swap32()],
])('%s with a byte order mark is found by it', (encoding, bytes) => {
  expect(detectEncoding(bytes)).toEqual({ encoding, bom: true });
});

test('UTF-8, with or without its BOM (reported per line), and a stray NUL are UTF-8', () => {
  expect(detectEncoding(Buffer.from(LINE))).toEqual({ encoding: 'UTF-8', bom: false });
  expect(detectEncoding(Buffer.from(JAPANESE))).toEqual({ encoding: 'UTF-8', bom: false });
  expect(detectEncoding(Buffer.from(`\uFEFF${LINE}`))).toEqual({ encoding: 'UTF-8', bom: false });
  expect(detectEncoding(Buffer.from(`${LINE.slice(0, 20)}\0${LINE.slice(20)}`))).toEqual({ encoding: 'UTF-8', bom: false });
  expect(detectEncoding(Buffer.alloc(0))).toEqual({ encoding: 'UTF-8', bom: false });
});
