import { open } from 'node:fs/promises';

/** What a file's bytes are; `gzip` is compressed bytes, not text at all. */
export type TextEncoding = 'UTF-8' | 'UTF-16 LE' | 'UTF-16 BE' | 'UTF-32 LE' | 'UTF-32 BE' | 'gzip';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** The file starts with this encoding's byte order mark (a UTF-8 BOM is reported per line instead). */
  bom: boolean;
}

/** Bytes looked at: enough for dozens of JSON keys, so the NUL pattern is unmistakable. */
const SAMPLE_BYTES = 4096;

// Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
const BOMS: readonly [TextEncoding, readonly number[]][] = [
  ['UTF-32 LE', [0xff, 0xfe, 0x00, 0x00]],
  ['UTF-32 BE', [0x00, 0x00, 0xfe, 0xff]],
  ['UTF-16 LE', [0xff, 0xfe]],
  ['UTF-16 BE', [0xfe, 0xff]],
];

/**
 * Names a UTF-16 or UTF-32 sample by its byte order mark, or without one by where its NUL bytes
 * fall. JSON text is mostly ASCII (keys, quotes, braces), and an ASCII character is one byte and
 * 1 or 3 NULs in those encodings: UTF-16 LE has NULs on odd offsets and none on even ones (BE the
 * reverse); UTF-32 LE has NULs on offsets 2 and 3 of every 4 (BE: 0 and 1). Valid UTF-8 JSON never
 * holds a raw NUL, so NULs that follow neither pattern are left to the per-line JSON errors.
 */
export const detectEncoding = (sample: Uint8Array): DetectedEncoding => {
  // gzip's magic number: read as text, the compressed bytes would only be "not valid UTF-8" lines.
  if (sample[0] === 0x1f && sample[1] === 0x8b) return { encoding: 'gzip', bom: false };
  for (const [encoding, mark] of BOMS) {
    if (sample.length >= mark.length && mark.every((b, i) => sample[i] === b)) return { encoding, bom: true };
  }
  const n = sample.length - (sample.length % 4);
  if (n === 0) return { encoding: 'UTF-8', bom: false };
  const nulsAt = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) if (sample[i] === 0) nulsAt[i % 4]!++;
  const share = nulsAt.map((z) => z / (n / 4)) as [number, number, number, number];
  const [s0, s1, s2, s3] = share;
  if (s2 >= 0.9 && s3 >= 0.9 && s0 <= 0.1) return { encoding: 'UTF-32 LE', bom: false };
  if (s0 >= 0.9 && s1 >= 0.9 && s3 <= 0.1) return { encoding: 'UTF-32 BE', bom: false };
  const even = (s0 + s2) / 2;
  const odd = (s1 + s3) / 2;
  if (odd >= 0.25 && even <= 0.05) return { encoding: 'UTF-16 LE', bom: false };
  if (even >= 0.25 && odd <= 0.05) return { encoding: 'UTF-16 BE', bom: false };
  return { encoding: 'UTF-8', bom: false };
};

/** Reads the first few KiB of a file and names its encoding. */
export const detectFileEncoding = async (path: string): Promise<DetectedEncoding> => {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SAMPLE_BYTES, 0);
    return detectEncoding(buffer.subarray(0, bytesRead));
  } finally {
    await file.close();
  }
};

/** The error text for a file OpenAI will not read, with the command that converts (or decompresses) it. */
export const wrongEncodingMessage = (path: string, { encoding, bom }: DetectedEncoding): string => {
  if (encoding === 'gzip') return `${path} is gzip-compressed; OpenAI requires plain UTF-8 JSONL. Decompress it: gunzip -c ${path} > decompressed.jsonl`;
  // With a BOM, iconv's plain UTF-16/UTF-32 reads the mark and drops it; without one the byte order must be named.
  const from = bom ? encoding.slice(0, 6) : encoding.replace(' ', '');
  return `${path} is ${encoding}${bom ? ' (with a byte order mark)' : ''}; OpenAI requires UTF-8. Convert it: iconv -f ${from} -t UTF-8 ${path} > converted.jsonl`;
};
