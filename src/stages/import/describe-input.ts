import { isUtf8 } from 'node:buffer';
import { excerpt } from './excerpt.js';
import type { InputHead } from './input-heads.js';

/** What a source expected each input to be, for the words. */
export type ExpectedInput = 'json-lines' | 'json-array' | 'csv';

// Magic numbers of files people hand over by mistake; anything else with NULs is just "binary".
// `sure`: the magic holds a byte no text starts with, so the head alone refuses the input at once;
// '%PDF-' and 'PAR1' are ASCII (a CSV header could begin so) and are only named when no record came.
const MAGIC: [number[], string, boolean][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image', true],
  [[0xff, 0xd8, 0xff], 'a JPEG image', true],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive (an .xlsx or .docx is one)', true],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document', false],
  [[0x50, 0x41, 0x52, 0x31], 'a Parquet file', false],
];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Why the first bytes of a (decompressed) input are not text at all, or undefined: a zip, PNG or
 * JPEG by its magic, or a NUL byte in the first line (/dev/zero, a tar) or in a head that is not
 * UTF-8 either (/dev/urandom). Judged from the head, the input is refused at once: read on,
 * /dev/zero has no line end ever and /dev/urandom gives junk lines without end. A NUL in a later
 * line of UTF-8 text is one bad line, dropped as such (one bad record never sinks a run).
 * UTF-16/32, whose NULs are a pattern, are named before this. `complete`: the head is the whole input.
 */
export const binaryHead = (head: Uint8Array, complete: boolean): string | undefined => {
  const magic = MAGIC.find(([m, , sure]) => sure && startsWith(head, m));
  if (magic) return `is ${magic[1]}, not text`;
  const nul = head.indexOf(0);
  if (nul < 0) return undefined;
  const firstLine = head.lastIndexOf(0x0a, nul) < 0;
  return firstLine || !utf8Prefix({ uri: '', head, bytes: head.byteLength, complete }) ? `is binary, not text (a NUL byte at offset ${nul})` : undefined;
};

/** A head cut by HEAD_BYTES may end inside a character: only a complete prefix is judged. */
const utf8Prefix = (h: InputHead): boolean => {
  for (let cut = 0; cut <= (h.complete ? 0 : 3); cut++) if (isUtf8(h.head.subarray(0, h.head.byteLength - cut))) return true;
  return false;
};

/** What an input looked like: `kind` for the caller to choose on, `text` the words after "no records: ". */
export interface InputLook {
  kind: 'empty' | 'blank' | 'binary' | 'not-utf8' | 'html' | 'json-array' | 'empty-array' | 'header-only';
  text: string;
}

/**
 * What an input that gave no record looked like, or undefined when its first bytes say nothing
 * useful (then the drops say why).
 */
export const describeInput = (h: InputHead, expected: ExpectedInput): InputLook | undefined => {
  const text = wordsFor(h, expected);
  return text && { kind: text[0], text: text[1] };
};

const wordsFor = (h: InputHead, expected: ExpectedInput): [InputLook['kind'], string] | undefined => {
  const where = /^https?:/i.test(h.uri) ? 'the response' : 'the file';
  if (h.complete && h.bytes === 0) return ['empty', `${where} is empty (0 bytes)`];
  const magic = MAGIC.find(([m]) => startsWith(h.head, m));
  if (magic) return ['binary', `${where} is ${magic[1]}, not text`];
  const nul = h.head.indexOf(0);
  if (nul >= 0) return ['binary', `${where} is binary, not text (a NUL byte at offset ${nul})`];
  if (!utf8Prefix(h)) return ['not-utf8', `${where} is not UTF-8 text (binary, or text in another encoding such as Latin-1: iconv -f latin1 -t utf-8 converts that)`];
  const text = new TextDecoder().decode(h.head).replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (h.complete && start === '') return ['blank', `${where} holds only blank lines`];
  const tag = /^<(!doctype\s+html|html)\b[^>]*>?/i.exec(start);
  if (tag) {
    const how = where === 'the response' ? 'the URL may need a login, or name a page about the data rather than the data itself' : 'it was perhaps saved from a browser';
    return ['html', `${where} is an HTML page (${excerpt(tag[0], 40)}), not data; ${how}`];
  }
  if (expected === 'json-lines' && start.startsWith('[')) {
    return ['json-array', `${where} looks like a JSON array, not JSON lines (one object per line); convert it with jq -c '.[]'`];
  }
  if (expected === 'json-array' && h.complete && /^\[\s*\]\s*$/.test(start)) return ['empty-array', `${where} is an empty JSON array ([])`];
  if (expected === 'csv' && h.complete && h.bytes === h.head.byteLength && start.trimEnd().split(/\r?\n/).length === 1) {
    return ['header-only', `${where} has a header row and no rows (${excerpt(start.trimEnd(), 60)})`];
  }
  return undefined;
};
