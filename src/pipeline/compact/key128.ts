import { sha256Bytes } from '../hash.js';

/**
 * A record's key as 128 bits in 4 uint32 words: kept per record instead of a string, so a million
 * keys are 16 MB of typed array and not a million heap strings. 128 bits of sha256 make an
 * accidental collision far less likely than a disk error, at a million or a billion keys.
 */
export const KEY_WORDS = 4;
export const KEY_BYTES = 16;

/** The first 16 bytes of a digest (or any bytes) as 4 words, read little-endian whatever the CPU. */
export const key128FromBytes = (bytes: Uint8Array, out: Uint32Array = new Uint32Array(KEY_WORDS)): Uint32Array => {
  if (bytes.length < KEY_BYTES) throw new Error(`a 128-bit key needs 16 bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, KEY_BYTES);
  for (let w = 0; w < KEY_WORDS; w++) out[w] = view.getUint32(w * 4, true);
  return out;
};

/** The first 16 bytes of sha256 of the text's UTF-8. */
export const key128 = (text: string, out?: Uint32Array): Uint32Array =>
  key128FromBytes(sha256Bytes(text), out);
