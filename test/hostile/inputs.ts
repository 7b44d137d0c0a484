// Writers of the hostile corpus's input files. Everything is generated at test time into a
// scratch directory (no binary blob is committed), and big inputs are streamed to disk in
// chunks so the test process never holds them.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { createGzip } from 'node:zlib';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { goodLine, goodLines } from './servers.js';

export { goodLine, goodLines };

/** Bytes of a string as UTF-8, or raw bytes given as numbers. */
export const bytes = (...parts: (string | number[] | Buffer)[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

/** A CSV with the corpus's header (`question,answer`) and `n` good rows. */
export const csvHeader = 'question,answer\n';
export const goodCsvRows = (n: number, from = 1): string =>
  Array.from({ length: n }, (_, k) => `"Question ${from + k}: what is ${from + k} plus one?",It is ${from + k + 1}.\n`).join('');
export const goodCsv = (n = 12): string => csvHeader + goodCsvRows(n);

/** OpenAI evals lines (`{input, ideal}`). */
export const evalsLine = (i: number): string => JSON.stringify({ input: [{ role: 'user', content: `Eval question ${i}: name the number ${i}.` }], ideal: `${i}` });
export const goodEvals = (n = 12, from = 1): string => Array.from({ length: n }, (_, k) => evalsLine(from + k)).join('\n') + '\n';

/** Chat lines as `tuneset validate` reads them. */
export const chatLine = (i: number, user = `Chat question ${i}?`): string =>
  JSON.stringify({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: user }, { role: 'assistant', content: `Answer ${i}.` }] });
export const goodChat = (n = 12, from = 1): string => Array.from({ length: n }, (_, k) => chatLine(from + k)).join('\n') + '\n';

/** One AR-LSAT passage as JSON text, with one question; `question` replaces the question's JSON text. */
export const arPassage = (i: number, question?: string): string => {
  const q =
    question ??
    JSON.stringify({ id: `p${i}_1`, question: `Which of the following could be the order for game ${i}?`, options: [`F${i}`, `G${i}`, `H${i}`, `J${i}`, `K${i}`], answer: 'C' });
  return `{"id": "p${i}", "passage": "Seven runners ${i} finish a race in order; runner ${i} is never last.", "questions": [\n  ${q}\n]}`;
};
/** An AR-LSAT array of `n` good passages, then `extra` (JSON texts of passages) spliced in at `at`. */
export const arLsat = (n = 12, extra: string[] = [], at = n): string => {
  const passages = Array.from({ length: n }, (_, k) => arPassage(k + 1));
  passages.splice(at, 0, ...extra);
  return `[\n${passages.join(',\n')}\n]\n`;
};
/** An AR-LSAT question's JSON text with fields replaced. */
export const arQuestion = (id: string, fields: Record<string, unknown> = {}): string =>
  JSON.stringify({ id, question: `Which one could be true in ${id}?`, options: ['A one', 'B two', 'C three', 'D four', 'E five'], answer: 'B', ...fields });

/**
 * Writes `head`, then `size` bytes made of `fill` repeated, then `tail`, in 1 MiB writes: a line of
 * hundreds of megabytes costs the disk and no memory.
 */
export const writeBig = (path: string, head: string | Buffer, fill: string | Buffer, size: number, tail: string | Buffer = ''): void => {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, typeof head === 'string' ? Buffer.from(head) : head);
    const unit = typeof fill === 'string' ? Buffer.from(fill) : fill;
    const block = Buffer.alloc(Math.max(unit.byteLength, Math.floor((1 << 20) / unit.byteLength) * unit.byteLength));
    for (let i = 0; i < block.byteLength; i += unit.byteLength) unit.copy(block, i);
    let left = size;
    while (left > 0) {
      const n = Math.min(left, block.byteLength);
      writeSync(fd, block, 0, n);
      left -= n;
    }
    writeSync(fd, typeof tail === 'string' ? Buffer.from(tail) : tail);
  } finally {
    closeSync(fd);
  }
};

/**
 * A gzip file of `head`, then `size` bytes of `fill` repeated, then `tail`, compressed as it is
 * generated: a bomb of hundreds of MiB is a few hundred KiB on disk and never whole in memory.
 */
export const writeGzip = async (path: string, head: string | Buffer, fill: string | Buffer = '', size = 0, tail: string | Buffer = ''): Promise<void> => {
  const unit = typeof fill === 'string' ? Buffer.from(fill) : fill;
  async function* chunks() {
    yield typeof head === 'string' ? Buffer.from(head) : head;
    if (size > 0 && unit.byteLength > 0) {
      const block = Buffer.alloc(Math.floor((1 << 20) / unit.byteLength) * unit.byteLength || unit.byteLength);
      for (let i = 0; i < block.byteLength; i += unit.byteLength) unit.copy(block, i);
      for (let left = size; left > 0; left -= block.byteLength) yield left >= block.byteLength ? block : block.subarray(0, left);
    }
    yield typeof tail === 'string' ? Buffer.from(tail) : tail;
  }
  await pipeline(Readable.from(chunks()), createGzip({ level: 6 }), createWriteStream(path));
};

export const write = (path: string, data: string | Buffer): void => writeFileSync(path, data);

/** UTF-16/UTF-32 renderings of text, with or without a byte order mark. */
export const utf16le = (text: string, bom = true): Buffer => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
export const utf16be = (text: string, bom = true): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.byteLength; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), le]);
};
export const utf32le = (text: string, bom = true): Buffer => {
  const cps = [...text].map((c) => c.codePointAt(0)!);
  const out = Buffer.alloc(4 * (cps.length + (bom ? 1 : 0)));
  let at = 0;
  if (bom) out.writeUInt32LE(0xfeff, (at += 4) - 4);
  for (const cp of cps) out.writeUInt32LE(cp, (at += 4) - 4);
  return out;
};
