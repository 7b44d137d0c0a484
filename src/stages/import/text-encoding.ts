import { SourceError } from '../../pipeline/errors.js';
import { detectEncoding, type DetectedEncoding } from '../validate/detect-encoding.js';
import { binaryHead } from './describe-input.js';
import { inputBasename } from './input-spec.js';
import { readHead } from './read-head.js';

/** Bytes looked at, as `tuneset validate` does: enough for the NUL pattern of UTF-16/32 to be plain. */
const SAMPLE_BYTES = 4096;

const NAMES: Record<string, string> = {
  'UTF-16 LE': 'UTF-16 (little-endian)',
  'UTF-16 BE': 'UTF-16 (big-endian)',
  'UTF-32 LE': 'UTF-32 (little-endian)',
  'UTF-32 BE': 'UTF-32 (big-endian)',
};

/** `data.jsonl is UTF-16 (little-endian) text; convert it to UTF-8: iconv -f UTF-16LE -t UTF-8 ...`. */
/**
 * Gzip magic after gunzip: the input was compressed twice. One gunzip leaves what tuneset reads
 * (gzip or not); named `.gz` it loses that suffix, otherwise it gains it, so nothing is overwritten.
 */
export const gzipTwiceMessage = (uri: string): string => {
  const name = inputBasename(uri);
  const once = /\.gz$/i.test(name) && name.length > 3 ? name.slice(0, -3) : `${name}.gz`;
  return `is compressed twice (gzip inside gzip), and tuneset undoes one gzip; gunzip it once: gunzip -c ${name} > ${once}`;
};

export const notUtf8Message = (uri: string, { encoding, bom }: DetectedEncoding): string => {
  if (encoding === 'gzip') return gzipTwiceMessage(uri);
  // With a BOM, iconv's plain UTF-16/UTF-32 reads the mark and drops it; without one the byte order must be named.
  const from = bom ? encoding.slice(0, 6) : encoding.replace(' ', '');
  const name = inputBasename(uri);
  const dot = name.lastIndexOf('.');
  const converted = dot > 0 ? `${name.slice(0, dot)}.utf8${name.slice(dot)}` : `${name}.utf8`;
  return `is ${NAMES[encoding] ?? encoding} text${bom ? ' (with a byte order mark)' : ''}, and tuneset reads UTF-8; convert it: iconv -f ${from} -t UTF-8 ${name} > ${converted}`;
};

/**
 * The bytes of a (decompressed) input, refused at once if they are UTF-16 or UTF-32 text, told by
 * a byte order mark or by NULs on every other byte: read as UTF-8 such a file is only NUL-filled
 * garbage, dropped line by line as invalid JSON without naming the real problem. Binary (a NUL in the
 * first line or in bytes that are not UTF-8, or a zip, PNG or JPEG magic) is refused at once too,
 * see binaryHead.
 */
export async function* refuseOtherEncodings(raw: AsyncIterable<Uint8Array>, uri: string): AsyncGenerator<Uint8Array> {
  const it = raw[Symbol.asyncIterator]();
  try {
    const { chunks: head, size, ended } = await readHead(it, SAMPLE_BYTES);
    const sample = Buffer.concat(head).subarray(0, SAMPLE_BYTES);
    const detected = detectEncoding(sample);
    if (detected.encoding !== 'UTF-8') throw new SourceError(uri, notUtf8Message(uri, detected));
    const binary = binaryHead(sample, ended && size <= SAMPLE_BYTES);
    if (binary) throw new SourceError(uri, binary);
    yield* head;
    if (!ended) for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  } finally {
    await it.return?.();
  }
}
