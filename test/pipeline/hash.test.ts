import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { sha256, sha256Bytes } from '../../src/pipeline/hash.js';

// sha256 and sha256Bytes hash in one call where Node has crypto.hash: every key of a run (content,
// prompt, id, written line) goes through them, so they must agree with createHash to the bit.
const texts = ['', 'abc', 'Pélican 😀 queue\n', '\ud800 lone surrogate', 'x'.repeat(70_000)];

test('sha256 is createHash sha256 of the UTF-8, in hex, base64 and base64url', () => {
  for (const text of texts) {
    for (const encoding of ['hex', 'base64', 'base64url'] as const) expect(sha256(text, encoding)).toBe(createHash('sha256').update(text, 'utf8').digest(encoding));
    expect(sha256(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(sha256Bytes(text).equals(createHash('sha256').update(text, 'utf8').digest())).toBe(true);
  }
  expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  const bytes = new Uint8Array([0, 255, 128, 10]);
  expect(sha256(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
});
