import { isUtf8 } from 'node:buffer';
import { expect, test } from 'vitest';
import { checkUtf8, decodeUtf8Strict, firstInvalidUtf8, InvalidUtf8Error } from '../../../src/stages/import/utf8.js';

async function* pieces(...chunks: Uint8Array[]) {
  yield* chunks;
}
const decode = async (...chunks: Uint8Array[]) => {
  let text = '';
  try {
    for await (const t of decodeUtf8Strict(pieces(...chunks))) text += t;
    return { text };
  } catch (error) {
    if (!(error instanceof InvalidUtf8Error)) throw error;
    return { text, offset: error.offset, byte: error.byte };
  }
};

// A small random generator, seeded, so a failure can be replayed.
const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

test('firstInvalidUtf8 finds the byte where a lenient decoder first writes U+FFFD, and agrees with isUtf8', () => {
  const next = random(7);
  // Mostly valid characters of every length, with a stray byte now and then.
  const alphabet = ['a', '\u00e9', '\u20ac', '\u{1f600}'].map((c) => Buffer.from(c));
  const strays = [0x80, 0xbf, 0xc0, 0xc1, 0xe0, 0xed, 0xf4, 0xf5, 0xff];
  for (let n = 0; n < 2000; n++) {
    const parts: Buffer[] = [];
    for (let k = 0; k < 12; k++) parts.push(next() < 0.05 ? Buffer.from([strays[Math.floor(next() * strays.length)]!]) : alphabet[Math.floor(next() * alphabet.length)]!);
    // Sometimes cut the last character short.
    let bytes = Buffer.concat(parts);
    if (next() < 0.2) bytes = bytes.subarray(0, bytes.length - 1);
    const bad = firstInvalidUtf8(bytes);
    expect(bad === -1).toBe(isUtf8(bytes));
    if (bad >= 0) {
      expect(isUtf8(bytes.subarray(0, bad))).toBe(true);
      expect(new TextDecoder().decode(bytes).indexOf('\ufffd')).toBe(bytes.subarray(0, bad).toString('utf8').length);
    }
  }
});

test.each([
  ['an overlong 3-byte form', [0xe0, 0x80, 0x80]],
  ['an overlong 4-byte form', [0xf0, 0x80, 0x80, 0x80]],
  ['an overlong 2-byte form', [0xc0, 0x80]],
  ['an encoded surrogate', [0xed, 0xa0, 0x80]],
  ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
])('%s is invalid at its first byte, as the decoders say', (_name, bad) => {
  const bytes = Buffer.from([0x41, ...bad, 0x42]);
  expect([firstInvalidUtf8(bytes), isUtf8(bytes)]).toEqual([1, false]);
});

test('decodeUtf8Strict keeps a character split at any point across chunks, drops a split BOM, and names the offset of a bad byte', async () => {
  const text = 'a\u{1f600}b\u20acc';
  const bytes = Buffer.from(`\ufeff${text}`);
  for (let i = 0; i <= bytes.length; i++) {
    for (let j = i; j <= bytes.length; j++) {
      expect(await decode(bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j))).toEqual({ text });
    }
  }
  expect(await decode(Buffer.from('ab'), Buffer.from([0xf0, 0x9f]), Buffer.from('c'))).toEqual({ text: 'ab', offset: 2, byte: 0xf0 });
  expect(await decode(Buffer.from('ab\u00e9'), Buffer.from([0xe2, 0x82]))).toEqual({ text: 'ab\u00e9', offset: 4, byte: 0xe2 });
  expect(await decode(Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0xff]))).toEqual({ text: 'A', offset: 4, byte: 0xff });
  expect(await decode(Buffer.from('ok \ufffd'))).toEqual({ text: 'ok \ufffd' });
});

test('checkUtf8 passes the chunks on unchanged and stops at the first bad byte, a split character included', async () => {
  // A chunk ending in the start of a character goes on whole; the next one decides, and stops the stream.
  const collect = async (...chunks: Uint8Array[]) => {
    const out: Uint8Array[] = [];
    try {
      for await (const c of checkUtf8(pieces(...chunks))) out.push(c);
      return { out: Buffer.concat(out).toString() };
    } catch (error) {
      return { out: Buffer.concat(out).toString(), offset: (error as InvalidUtf8Error).offset };
    }
  };
  const euro = Buffer.from('\u20ac');
  expect(await collect(Buffer.from('a'), euro.subarray(0, 1), euro.subarray(1), Buffer.from('b'))).toEqual({ out: 'a\u20acb' });
  expect(await collect(Buffer.from('ab'), Buffer.from([0x61, 0xc3]), Buffer.from([0x28]))).toEqual({ out: 'aba\ufffd', offset: 3 });
  expect(await collect(Buffer.from('ab'), euro.subarray(0, 2))).toEqual({ out: 'ab\ufffd', offset: 2 });
});
