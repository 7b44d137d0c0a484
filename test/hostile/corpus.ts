// The hostile-input corpus of issue 16: broken and hostile inputs for every importer, `validate`
// and the http input path, each with the exit code, words and drops a user should get. Inputs are
// generated into a scratch directory at test time (see inputs.ts and servers.ts). A case whose fix
// has not landed is marked `expectedToFail` with the item it waits for: the runner expects it to
// fail, so the suite flips to red the day it starts passing and the mark must go.
import { mkdirSync, readFileSync } from 'node:fs';
import type { PipelineKind } from './pipelines.js';
import {
  arLsat,
  arPassage,
  arQuestion,
  bytes,
  chatLine,
  csvHeader,
  evalsLine,
  goodChat,
  goodCsv,
  goodCsvRows,
  goodEvals,
  goodLine,
  goodLines,
  utf16be,
  utf16le,
  utf32le,
  write,
  writeBig,
  writeGzip,
} from './inputs.js';

export interface CaseContext {
  /** The case's own scratch directory (the child's working directory). */
  dir: string;
  at: (...parts: string[]) => string;
  /** The run directory a `run` case writes (`--out`). */
  out: string;
  /** The URL of a route of the hostile server. */
  http: (path: string) => string;
  /** A pipeline file of the corpus (see pipelines.ts). */
  pipeline: (kind: PipelineKind, options?: Record<string, unknown>) => string;
}

export interface HostileCase {
  name: string;
  /** The bullet of issue 16 it covers. */
  bullet: 'corruption' | 'bad record' | 'limits' | 'words' | 'paths' | 'handled';
  setup?: (c: CaseContext) => void | Promise<void>;
  /** Commands run first, not checked (a run whose directory the case then hands to export). */
  before?: (c: CaseContext) => string[][];
  args: (c: CaseContext) => string[];
  exit: number;
  /** Looked for in stderr and stdout. */
  message?: string | RegExp;
  /** Exactly these drop codes and counts in rejected.jsonl (the run must have committed). */
  drops?: Record<string, number>;
  /** This many drops with a code matching (for codes not fixed yet by the issue). */
  dropLike?: { code: RegExp; count: number };
  trainLines?: number;
  rejectedMaxBytes?: number;
  timeLimitMs?: number;
  /** Why this case fails today: `issue 16 item N: ...`. */
  expectedToFail?: string;
}

/** A small record limit, so "too large" is tried with kilobytes, not gigabytes. */
const SMALL = 4096;
/**
 * Small limits, so every limit is tried in seconds: records of 4 KiB, gzip output of 32 MiB, an
 * http deadline of 8 s, a rate window of 5 s, 1 s for a named pipe's writer. Options an importer
 * lacks are left out of the pipeline (pipelines.ts), so a case whose limit has not landed runs with
 * the defaults and waits.
 */
const LIMITS = {
  maxRecordBytes: SMALL,
  maxDecompressedBytes: 32 * 1024 * 1024,
  maxCompressionRatio: 100,
  httpDeadlineMs: 8000,
  httpMinBytesPerSecond: 1024,
  // Not shorter: on two loaded cores a redirect loop's 20 requests took over 1.5 s and read as a stall.
  httpRateWindowMs: 5000,
  fifoWaitMs: 1000,
};
const HTTP_TIME_LIMIT_MS = 40_000;

const run = (c: CaseContext, kind: PipelineKind, input: string, ...extra: string[]) => ['run', c.pipeline(kind, LIMITS), '--input', input, '--out', c.out, ...extra];
const jsonl = (c: CaseContext, file: string, ...extra: string[]) => run(c, 'jsonl', c.at(file), ...extra);
const csv = (c: CaseContext, file: string, ...extra: string[]) => run(c, 'csv', c.at(file), ...extra);
const evals = (c: CaseContext, file: string, ...extra: string[]) => run(c, 'evals', c.at(file), ...extra);
const ar = (c: CaseContext, file: string, ...extra: string[]) => run(c, 'ar-lsat', c.at(file), ...extra);
const http = (c: CaseContext, path: string, ...extra: string[]) => run(c, 'jsonl', c.http(path), ...extra);
const validate = (c: CaseContext, file: string) => ['validate', c.at(file)];

/** A JSONL file of 12 good lines with `bad` (text or bytes) as line 7. */
const jsonlWith = (bad: string | Buffer): Buffer => bytes(goodLines(6), bad, '\n', goodLines(6, 7));
const evalsWith = (bad: string | Buffer): Buffer => bytes(goodEvals(6), bad, '\n', goodEvals(6, 7));
const chatWith = (bad: string | Buffer): Buffer => bytes(goodChat(6), bad, '\n', goodChat(6, 7));

const NO_EXAMPLES = /no examples were written/;

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

export const CASES: HostileCase[] = [
  // ---- Silent corruption: bytes that are not UTF-8, lone surrogates, duplicate keys ----
  { name: 'jsonl: invalid byte 0xff', bullet: 'corruption', setup: (c) => write(c.at('in.jsonl'), jsonlWith(bytes('{"q":"caf', [0xff], '","a":"x"}'))), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: { invalid_utf8: 1 }, trainLines: 12 },
  { name: 'jsonl: overlong encoding c0 af', bullet: 'corruption', setup: (c) => write(c.at('in.jsonl'), jsonlWith(bytes('{"q":"a', [0xc0, 0xaf], 'b","a":"x"}'))), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: { invalid_utf8: 1 }, trainLines: 12 },
  { name: 'jsonl: UTF-8-encoded surrogate ed a0 80', bullet: 'corruption', setup: (c) => write(c.at('in.jsonl'), jsonlWith(bytes('{"q":"s', [0xed, 0xa0, 0x80], '","a":"x"}'))), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: { invalid_utf8: 1 }, trainLines: 12 },
  { name: 'jsonl: latin-1 line among UTF-8', bullet: 'corruption', setup: (c) => write(c.at('in.jsonl'), jsonlWith(Buffer.from('{"q":"caf\u00e9 cr\u00e8me","a":"x"}', 'latin1'))), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: { invalid_utf8: 1 }, trainLines: 12 },
  { name: 'jsonl: invalid byte in an unmapped field', bullet: 'corruption', setup: (c) => write(c.at('in.jsonl'), jsonlWith(bytes('{"q":"fine","a":"fine","note":"', [0xfe], '"}'))), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: { invalid_utf8: 1 }, trainLines: 12 },
  { name: 'jsonl: lone high surrogate escape', bullet: 'corruption', setup: (c) => write(c.at('in.jsonl'), jsonlWith('{"q":"x\\ud800y","a":"x"}')), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: { lone_surrogate: 1 }, trainLines: 12 },
  { name: 'jsonl: surrogates in the wrong order', bullet: 'corruption', setup: (c) => write(c.at('in.jsonl'), jsonlWith('{"q":"\\ude00\\ud83d","a":"x"}')), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: { lone_surrogate: 1 }, trainLines: 12 },
  { name: 'jsonl: a real surrogate pair passes', bullet: 'handled', setup: (c) => write(c.at('in.jsonl'), jsonlWith('{"q":"smile \\ud83d\\ude00 please","a":"ok"}')), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: {}, trainLines: 13 },
  { name: 'jsonl: duplicate key', bullet: 'corruption', setup: (c) => write(c.at('in.jsonl'), jsonlWith('{"q":"first","a":"x","q":"second"}')), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: { duplicate_key: 1 }, trainLines: 12 },
  { name: 'jsonl: duplicate key spelled with an escape', bullet: 'corruption', setup: (c) => write(c.at('in.jsonl'), jsonlWith('{"q":"x","a":"y","\\u0071":"z"}')), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: { duplicate_key: 1 }, trainLines: 12 },
  { name: 'evals: invalid byte', bullet: 'corruption', setup: (c) => write(c.at('in.jsonl'), evalsWith(bytes('{"input":[{"role":"user","content":"', [0x80], '"}],"ideal":"A"}'))), args: (c) => evals(c, 'in.jsonl'), exit: 0, drops: { invalid_utf8: 1 }, trainLines: 12 },
  { name: 'evals: duplicate key', bullet: 'corruption', setup: (c) => write(c.at('in.jsonl'), evalsWith('{"input":[{"role":"user","content":"q"}],"ideal":"A","ideal":"B"}')), args: (c) => evals(c, 'in.jsonl'), exit: 0, drops: { duplicate_key: 1 }, trainLines: 12 },
  { name: 'csv: invalid byte in a row', bullet: 'corruption', setup: (c) => write(c.at('in.csv'), bytes(csvHeader, goodCsvRows(6), 'caf', [0xe9], ',x\n', goodCsvRows(6, 7))), args: (c) => csv(c, 'in.csv'), exit: 0, drops: { invalid_utf8: 1 }, trainLines: 12 },
  { name: 'csv: invalid byte inside a quoted multi-line field', bullet: 'corruption', setup: (c) => write(c.at('in.csv'), bytes(csvHeader, goodCsvRows(6), '"two\nlines ', [0xff], '",x\n', goodCsvRows(6, 7))), args: (c) => csv(c, 'in.csv'), exit: 0, drops: { invalid_utf8: 1 }, trainLines: 12 },
  { name: 'csv: latin-1 header', bullet: 'corruption', setup: (c) => write(c.at('in.csv'), Buffer.from('question,r\u00e9ponse,answer\n' + goodCsvRows(12).replace(/\n/g, ',x\n'), 'latin1')), args: (c) => csv(c, 'in.csv'), exit: 1, message: /line 1, column \d+: the header row is not UTF-8/ },
  { name: 'ar-lsat: invalid byte', bullet: 'corruption', setup: (c) => { const text = arLsat(12); const i = text.indexOf('runners 5 finish'); write(c.at('in.json'), bytes(text.slice(0, i), [0xff], text.slice(i))); }, args: (c) => ar(c, 'in.json'), exit: 1, message: /in\.json: line 14, column \d+.*(UTF-8|byte)/i },
  { name: 'ar-lsat: lone surrogate in a question', bullet: 'corruption', setup: (c) => write(c.at('in.json'), arLsat(12, [arPassage(99, arQuestion('p99_1', { question: 'Which \\ud800 one?' }).replace('\\\\ud800', '\\ud800'))])), args: (c) => ar(c, 'in.json'), exit: 0, drops: { lone_surrogate: 1 }, trainLines: 12 },
  { name: 'ar-lsat: duplicate key in a question', bullet: 'corruption', setup: (c) => write(c.at('in.json'), arLsat(12, [arPassage(99, arQuestion('p99_1').replace('"answer":"B"', '"answer":"B","answer":"C"'))])), args: (c) => ar(c, 'in.json'), exit: 0, drops: { duplicate_key: 1 }, trainLines: 12 },
  { name: 'ar-lsat: duplicate key in a passage', bullet: 'corruption', setup: (c) => write(c.at('in.json'), arLsat(12, [arPassage(99).replace('"passage":', '"passage": "one", "passage":')])), args: (c) => ar(c, 'in.json'), exit: 0, drops: { duplicate_key: 1 }, trainLines: 12 },
  { name: 'validate: lone surrogate', bullet: 'corruption', setup: (c) => write(c.at('train-x.jsonl'), chatWith(chatLine(99, 'lone \\ud800').replace('\\\\ud800', '\\ud800'))), args: (c) => validate(c, 'train-x.jsonl'), exit: 1, message: /line 7.*surrogate|surrogate.*line 7/i },
  { name: 'validate: invalid byte', bullet: 'corruption', setup: (c) => write(c.at('train-x.jsonl'), chatWith(bytes('{"messages":[{"role":"user","content":"', [0xff], '"},{"role":"assistant","content":"a"}]}'))), args: (c) => validate(c, 'train-x.jsonl'), exit: 1, message: /line 7: data_type: line is not valid UTF-8: byte \d+ is 0xff/ },
  { name: 'validate: duplicate key', bullet: 'corruption', setup: (c) => write(c.at('train-x.jsonl'), chatWith('{"messages":[{"role":"user","content":"a","content":"b"},{"role":"assistant","content":"c"}]}')), args: (c) => validate(c, 'train-x.jsonl'), exit: 1, message: /line 7: data_type: key "content" is written twice/ },

  // ---- Encodings and magic numbers: named, never read as garbage ----
  { name: 'jsonl: UTF-16 LE with BOM', bullet: 'words', setup: (c) => write(c.at('in.jsonl'), utf16le(goodLines(12))), args: (c) => jsonl(c, 'in.jsonl'), exit: 1, message: /UTF-16 \(little-endian\).*iconv/ },
  { name: 'jsonl: UTF-16 BE without BOM', bullet: 'words', setup: (c) => write(c.at('in.jsonl'), utf16be(goodLines(12), false)), args: (c) => jsonl(c, 'in.jsonl'), exit: 1, message: /UTF-16 \(big-endian\).*iconv -f UTF-16BE/ },
  { name: 'jsonl: UTF-32 LE with BOM', bullet: 'words', setup: (c) => write(c.at('in.jsonl'), utf32le(goodLines(12))), args: (c) => jsonl(c, 'in.jsonl'), exit: 1, message: /UTF-32 \(little-endian\)/ },
  { name: 'csv: UTF-16 LE with BOM', bullet: 'words', setup: (c) => write(c.at('in.csv'), utf16le(goodCsv())), args: (c) => csv(c, 'in.csv'), exit: 1, message: /UTF-16 \(little-endian\)/ },
  { name: 'ar-lsat: UTF-32 BE without BOM', bullet: 'words', setup: (c) => write(c.at('in.json'), utf32le(arLsat(12), false).swap32()), args: (c) => ar(c, 'in.json'), exit: 1, message: /UTF-32 \(big-endian\)/ },
  { name: 'validate: UTF-16 LE with BOM', bullet: 'words', setup: (c) => write(c.at('train-x.jsonl'), utf16le(goodChat())), args: (c) => validate(c, 'train-x.jsonl'), exit: 1, message: /train-x\.jsonl is UTF-16 LE \(with a byte order mark\); OpenAI requires UTF-8\. Convert it: iconv/ },
  { name: 'validate: a gzip file', bullet: 'words', setup: (c) => writeGzip(c.at('train-x.jsonl'), goodChat()), args: (c) => validate(c, 'train-x.jsonl'), exit: 1, message: /train-x\.jsonl is gzip-compressed; OpenAI requires plain UTF-8 JSONL/ },
  { name: 'jsonl: UTF-8 BOM is skipped', bullet: 'handled', setup: (c) => write(c.at('in.jsonl'), bytes([0xef, 0xbb, 0xbf], goodLines(12))), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: {}, trainLines: 12 },
  { name: 'jsonl: gzip named .jsonl (magic, not name)', bullet: 'handled', setup: (c) => writeGzip(c.at('in.jsonl'), goodLines(12)), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: {}, trainLines: 12 },
  { name: 'jsonl: gzip holding an invalid byte', bullet: 'corruption', setup: (c) => writeGzip(c.at('in.jsonl.gz'), jsonlWith(bytes('{"q":"', [0xff], '","a":"x"}'))), args: (c) => jsonl(c, 'in.jsonl.gz'), exit: 0, drops: { invalid_utf8: 1 }, trainLines: 12 },
  { name: 'jsonl: gzip holding UTF-16', bullet: 'words', setup: (c) => writeGzip(c.at('in.jsonl.gz'), utf16le(goodLines(12))), args: (c) => jsonl(c, 'in.jsonl.gz'), exit: 1, message: /UTF-16 \(little-endian\)/ },
  { name: 'jsonl: two concatenated gzip members', bullet: 'handled', setup: async (c) => { await writeGzip(c.at('a.gz'), goodLines(6)); await writeGzip(c.at('b.gz'), goodLines(6, 7)); write(c.at('in.jsonl.gz'), Buffer.concat([readFileSync(c.at('a.gz')), readFileSync(c.at('b.gz'))])); }, args: (c) => jsonl(c, 'in.jsonl.gz'), exit: 0, drops: {}, trainLines: 12 },

  // ---- One bad record is a drop, not the end of the run ----
  { name: 'jsonl: 100k levels of nesting in a mapped field', bullet: 'bad record', setup: (c) => write(c.at('in.jsonl'), jsonlWith(`{"q":${deep(100_000)},"a":"x"}`)), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, dropLike: { code: /./, count: 1 }, trainLines: 12 },
  { name: 'jsonl: 100k levels of nesting in an unmapped field', bullet: 'bad record', setup: (c) => write(c.at('in.jsonl'), jsonlWith(`{"q":"x","a":"y","z":${deep(100_000)}}`)), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, dropLike: { code: /./, count: 1 }, trainLines: 12 },
  { name: 'evals: 100k levels of nesting', bullet: 'bad record', setup: (c) => write(c.at('in.jsonl'), evalsWith(`{"input":[{"role":"user","content":${deep(100_000)}}],"ideal":"A"}`)), args: (c) => evals(c, 'in.jsonl'), exit: 0, dropLike: { code: /./, count: 1 }, trainLines: 12 },
  { name: 'ar-lsat: 100k levels of nesting in a question', bullet: 'bad record', setup: (c) => write(c.at('in.json'), arLsat(12, [arPassage(99, `{"id":"p99_1","question":${deep(100_000)},"options":["a","b"],"answer":"A"}`)])), args: (c) => ['run', c.pipeline('ar-lsat', { maxRecordBytes: 1024 * 1024 }), '--input', c.at('in.json'), '--out', c.out], exit: 0, dropLike: { code: /./, count: 1 }, trainLines: 12 },
  { name: 'ar-lsat: 11 options', bullet: 'bad record', setup: (c) => write(c.at('in.json'), arLsat(12, [arPassage(99, arQuestion('p99_1', { options: Array.from({ length: 11 }, (_, i) => `option ${i}`) }))])), args: (c) => ar(c, 'in.json'), exit: 0, dropLike: { code: /./, count: 1 }, trainLines: 12 },
  { name: 'ar-lsat: a string that never closes', bullet: 'bad record', setup: (c) => writeBig(c.at('in.json'), arLsat(3).replace(/\n\]\n$/, ',\n{"id":"p9","passage":"'), 'an endless passage ', 2 * 1024 * 1024), args: (c) => ar(c, 'in.json'), exit: 1, message: /in\.json: line 11\b.*(maxRecordBytes|never closed)/ },
  { name: 'ar-lsat: a passage over maxRecordBytes', bullet: 'limits', setup: (c) => write(c.at('in.json'), arLsat(12, [arPassage(99).replace('Seven runners', 'x'.repeat(3 * SMALL))])), args: (c) => ar(c, 'in.json'), exit: 1, message: /maxRecordBytes/ },
  { name: 'ar-lsat: answer names no option', bullet: 'handled', setup: (c) => write(c.at('in.json'), arLsat(12, [arPassage(99, arQuestion('p99_1', { options: ['a', 'b', 'c', 'd'], answer: 'E' }))])), args: (c) => ar(c, 'in.json'), exit: 0, drops: { answer_out_of_range: 1 }, trainLines: 12 },
  { name: 'ar-lsat: a question id twice', bullet: 'handled', setup: (c) => write(c.at('in.json'), arLsat(12, [arPassage(99, arQuestion('p1_1'))])), args: (c) => ar(c, 'in.json'), exit: 0, drops: { duplicate_id: 1 }, trainLines: 12 },
  { name: 'ar-lsat: a passage that is a string', bullet: 'handled', setup: (c) => write(c.at('in.json'), arLsat(12, ['"just a string"'])), args: (c) => ar(c, 'in.json'), exit: 0, drops: { invalid_record: 1 }, trainLines: 12 },
  { name: 'ar-lsat: a syntax error names line and column', bullet: 'handled', setup: (c) => write(c.at('in.json'), arLsat(12).replace('"p5", "passage"', '"p5" "passage"')), args: (c) => ar(c, 'in.json'), exit: 1, message: /in\.json: line 14, column 13: expected ',' or '}'/ },
  { name: 'ar-lsat: array never closed', bullet: 'handled', setup: (c) => write(c.at('in.json'), arLsat(12).replace(/\n\]\n$/, '\n')), args: (c) => ar(c, 'in.json'), exit: 1, message: /in\.json: line \d+/ },
  { name: 'ar-lsat: JSON lines instead of an array', bullet: 'words', setup: (c) => write(c.at('in.json'), goodLines(12)), args: (c) => ar(c, 'in.json'), exit: 1, message: /in\.json: line 1, column 1: expected '\['/ },
  { name: 'jsonl: a line over maxRecordBytes', bullet: 'limits', setup: (c) => write(c.at('in.jsonl'), jsonlWith(`{"q":"${'x'.repeat(10 * SMALL)}","a":"x"}`)), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: { record_too_large: 1 }, trainLines: 12 },
  { name: 'jsonl: a 64 MiB line over the default 8 MiB limit', bullet: 'limits', setup: (c) => { writeBig(c.at('in.jsonl'), goodLines(6) + '{"q":"', 'many words ', 64 * 1024 * 1024, '","a":"x"}\n' + goodLines(6, 7)); }, args: (c) => ['run', c.pipeline('jsonl'), '--input', c.at('in.jsonl'), '--out', c.out], exit: 0, drops: { record_too_large: 1 }, trainLines: 12, rejectedMaxBytes: 100_000 },
  { name: 'jsonl: a 64 MiB line without a line break at the end', bullet: 'limits', setup: (c) => writeBig(c.at('in.jsonl'), goodLines(12), 'z', 64 * 1024 * 1024), args: (c) => ['run', c.pipeline('jsonl'), '--input', c.at('in.jsonl'), '--out', c.out], exit: 0, drops: { record_too_large: 1 }, trainLines: 12 },
  { name: 'jsonl: a 64 MiB line of multi-byte characters', bullet: 'limits', setup: (c) => writeBig(c.at('in.jsonl'), goodLines(6) + '{"q":"', 'd\u00e9j\u00e0 \u20ac\ud83d\ude00 ', 64 * 1024 * 1024, '","a":"x"}\n' + goodLines(6, 7)), args: (c) => ['run', c.pipeline('jsonl'), '--input', c.at('in.jsonl'), '--out', c.out], exit: 0, drops: { record_too_large: 1 }, trainLines: 12 },
  { name: 'evals: a line over maxRecordBytes', bullet: 'limits', setup: (c) => write(c.at('in.jsonl'), evalsWith(evalsLine(99).replace('Eval question', 'y'.repeat(10 * SMALL)))), args: (c) => evals(c, 'in.jsonl'), exit: 0, drops: { record_too_large: 1 }, trainLines: 12 },
  { name: 'csv: a field over maxRecordBytes', bullet: 'limits', setup: (c) => write(c.at('in.csv'), bytes(csvHeader, goodCsvRows(6), `"${'w'.repeat(10 * SMALL)}",x\n`, goodCsvRows(6, 7))), args: (c) => csv(c, 'in.csv'), exit: 1, message: /in\.csv: line 8: a row over maxRecordBytes/ },
  { name: 'csv: a 64 MiB quoted field at the default limit', bullet: 'limits', setup: (c) => writeBig(c.at('in.csv'), csvHeader + goodCsvRows(3) + '"', 'a field, with commas ', 64 * 1024 * 1024, '",x\n'), args: (c) => ['run', c.pipeline('csv'), '--input', c.at('in.csv'), '--out', c.out], exit: 1, message: /line 5: a row over maxRecordBytes \(8 MiB\)/ },
  { name: 'jsonl: rejected data of a huge invalid line is cut', bullet: 'limits', setup: (c) => writeBig(c.at('in.jsonl'), goodLines(12) + '{"q": ', 'not json ', 1024 * 1024, '\n'), args: (c) => ['run', c.pipeline('jsonl', { maxRecordBytes: 4 * 1024 * 1024 }), '--input', c.at('in.jsonl'), '--out', c.out], exit: 0, drops: { invalid_json: 1 }, trainLines: 12, rejectedMaxBytes: 80 * 1024 },
  { name: 'jsonl: --limit counts junk lines read', bullet: 'limits', setup: (c) => write(c.at('in.jsonl'), 'junk\n'.repeat(20_000) + goodLines(12)), args: (c) => jsonl(c, 'in.jsonl', '--limit', '50'), exit: 1, drops: { invalid_json: 50 }, message: NO_EXAMPLES },

  // ---- Gzip: truncated, bombs ----
  { name: 'gzip: truncated file', bullet: 'handled', setup: async (c) => { await writeGzip(c.at('full.gz'), goodLines(500)); const all = readFileSync(c.at('full.gz')); write(c.at('in.jsonl.gz'), all.subarray(0, all.byteLength >> 1)); }, args: (c) => jsonl(c, 'in.jsonl.gz'), exit: 1, message: /in\.jsonl\.gz: invalid gzip data/ },
  { name: 'gzip: bomb of one 512 MiB line', bullet: 'limits', setup: (c) => writeGzip(c.at('in.jsonl.gz'), goodLines(12), Buffer.alloc(1), 512 * 1024 * 1024), args: (c) => jsonl(c, 'in.jsonl.gz'), exit: 1, message: /in\.jsonl\.gz.*(decompresses to more than|maxDecompressedBytes|maxCompressionRatio)/i },
  { name: 'gzip: bomb of repeated good lines', bullet: 'limits', setup: (c) => writeGzip(c.at('in.jsonl.gz'), '', goodLine(1) + '\n', 256 * 1024 * 1024), args: (c) => jsonl(c, 'in.jsonl.gz'), exit: 1, message: /in\.jsonl\.gz.*(decompresses to more than|maxDecompressedBytes|maxCompressionRatio)/i },
  { name: 'gzip: bomb given to ar-lsat', bullet: 'limits', setup: (c) => writeGzip(c.at('in.json.gz'), '[{"id":"p1","passage":"', 'x', 512 * 1024 * 1024), args: (c) => ['run', c.pipeline('ar-lsat', { ...LIMITS, maxRecordBytes: 64 * 1024 * 1024 }), '--input', c.at('in.json.gz'), '--out', c.out], exit: 1, message: /in\.json\.gz.*(decompresses to more than|maxDecompressedBytes|maxCompressionRatio)/i },

  // ---- Zero records: say what the input looked like ----
  { name: 'jsonl: empty file', bullet: 'words', setup: (c) => write(c.at('in.jsonl'), ''), args: (c) => jsonl(c, 'in.jsonl'), exit: 1, message: /in\.jsonl.*empty/i },
  { name: 'jsonl: a JSON array instead of lines', bullet: 'words', setup: (c) => write(c.at('in.jsonl'), JSON.stringify(Array.from({ length: 12 }, (_, i) => JSON.parse(goodLine(i))), null, 2)), args: (c) => jsonl(c, 'in.jsonl'), exit: 1, message: /in\.jsonl.*JSON array/i },
  { name: 'jsonl: an HTML page', bullet: 'words', setup: (c) => write(c.at('in.jsonl'), '<!DOCTYPE html>\n<html><body><h1>Login</h1></body></html>\n'), args: (c) => jsonl(c, 'in.jsonl'), exit: 1, message: /in\.jsonl.*HTML/i },
  { name: 'jsonl: binary bytes (a PNG)', bullet: 'words', setup: (c) => write(c.at('in.jsonl'), bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37 + 11) % 256)))), args: (c) => jsonl(c, 'in.jsonl'), exit: 1, message: /in\.jsonl.*(binary|PNG)/i },
  { name: 'csv: header only', bullet: 'words', setup: (c) => write(c.at('in.csv'), csvHeader), args: (c) => csv(c, 'in.csv'), exit: 1, message: /in\.csv.*(no rows|only a header|header row only)/i },
  { name: 'ar-lsat: empty file', bullet: 'words', setup: (c) => write(c.at('in.json'), ''), args: (c) => ar(c, 'in.json'), exit: 1, message: /in\.json.*empty/i },
  { name: 'ar-lsat: an empty array', bullet: 'words', setup: (c) => write(c.at('in.json'), '[]\n'), args: (c) => ar(c, 'in.json'), exit: 1, message: /in\.json.*(empty|no passages)/i },

  // ---- CSV syntax and shape: the line where the bad field starts, a delimiter hint ----
  { name: 'csv: quote opened on line 40 never closed', bullet: 'words', setup: (c) => write(c.at('in.csv'), csvHeader + goodCsvRows(38) + '"never closed,x\n' + goodCsvRows(60, 100)), args: (c) => csv(c, 'in.csv'), exit: 1, message: /in\.csv: line 40: CSV syntax error/ },
  { name: 'csv: a quote inside an unquoted field', bullet: 'words', setup: (c) => write(c.at('in.csv'), csvHeader + goodCsvRows(5) + 'say "hi" there,x\n' + goodCsvRows(5, 6)), args: (c) => csv(c, 'in.csv'), exit: 1, message: /in\.csv: line 7: CSV syntax error/ },
  { name: 'csv: bad quote after a multi-line field', bullet: 'words', setup: (c) => write(c.at('in.csv'), csvHeader + goodCsvRows(3) + '"line one\nline two\nline three",x\nok,"bad"quote\n' + goodCsvRows(3, 9)), args: (c) => csv(c, 'in.csv'), exit: 1, message: /in\.csv: line 8: CSV syntax error/ },
  { name: 'csv: semicolon-separated file', bullet: 'words', setup: (c) => write(c.at('in.csv'), goodCsv().replace(/,/g, ';')), args: (c) => csv(c, 'in.csv'), exit: 1, message: /separated by ';'/ },
  { name: 'csv: tab-separated file', bullet: 'words', setup: (c) => write(c.at('in.csv'), goodCsv().replace(/,/g, '\t')), args: (c) => csv(c, 'in.csv'), exit: 1, message: /separated by (tabs|'\\t'|tab)/i },
  { name: 'csv: a 1 MiB header names no column at length', bullet: 'words', setup: (c) => writeBig(c.at('in.csv'), 'question,', 'h', 1024 * 1024, '\nq,a\n'), args: (c) => ['run', c.pipeline('csv'), '--input', c.at('in.csv'), '--out', c.out], exit: 1, message: /column "answer".*not in the header row/ },
  { name: 'csv: a header of NUL bytes', bullet: 'words', setup: (c) => writeBig(c.at('in.csv'), 'question,answer', Buffer.from([0]), 64 * 1024, '\n' + goodCsvRows(12)), args: (c) => csv(c, 'in.csv'), exit: 1, message: /in\.csv/ },
  { name: 'csv: a row with too few cells', bullet: 'handled', setup: (c) => write(c.at('in.csv'), csvHeader + goodCsvRows(6) + 'lonely\n' + goodCsvRows(6, 7)), args: (c) => csv(c, 'in.csv'), exit: 0, drops: { wrong_column_count: 1 }, trainLines: 12 },
  { name: 'csv: CRLF and a BOM', bullet: 'handled', setup: (c) => write(c.at('in.csv'), bytes([0xef, 0xbb, 0xbf], goodCsv().replace(/\n/g, '\r\n'))), args: (c) => csv(c, 'in.csv'), exit: 0, drops: {}, trainLines: 12 },
  { name: 'csv: a mapped column is missing', bullet: 'handled', setup: (c) => write(c.at('in.csv'), 'question,reply\nq,a\n'), args: (c) => csv(c, 'in.csv'), exit: 1, message: 'column "answer" (fields.a) is not in the header row: "question", "reply"' },

  // ---- JSONL shape defects that are drops ----
  { name: 'jsonl: invalid JSON line', bullet: 'handled', setup: (c) => write(c.at('in.jsonl'), jsonlWith('{"q": "x", "a": }')), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: { invalid_json: 1 }, trainLines: 12 },
  { name: 'jsonl: a line that is an array', bullet: 'handled', setup: (c) => write(c.at('in.jsonl'), jsonlWith('["q", "a"]')), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: { invalid_record: 1 }, trainLines: 12 },
  { name: 'jsonl: a missing field', bullet: 'handled', setup: (c) => write(c.at('in.jsonl'), jsonlWith('{"q": "only a question"}')), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: { missing_field: 1 }, trainLines: 12 },
  { name: 'jsonl: a raw NUL and control bytes in a string', bullet: 'handled', setup: (c) => write(c.at('in.jsonl'), jsonlWith(bytes('{"q":"a', [0x00, 0x01], 'b","a":"x"}'))), args: (c) => jsonl(c, 'in.jsonl'), exit: 0, drops: { invalid_json: 1 }, trainLines: 12 },

  // ---- http: stalls, drips, lies, endless bodies ----
  { name: 'http: good JSONL', bullet: 'handled', args: (c) => http(c, '/good.jsonl'), exit: 0, drops: {}, trainLines: 12 },
  { name: 'http: server never answers', bullet: 'limits', args: (c) => http(c, '/stall-headers.jsonl'), exit: 1, message: /\/stall-headers\.jsonl.*(not read within|no data for|stalled)/i, timeLimitMs: HTTP_TIME_LIMIT_MS },
  { name: 'http: body stalls half way', bullet: 'limits', args: (c) => http(c, '/stall-body.jsonl'), exit: 1, message: /\/stall-body\.jsonl.*(not read within|no data for|stalled)/i, timeLimitMs: HTTP_TIME_LIMIT_MS },
  { name: 'http: drips one byte every 100 ms', bullet: 'limits', args: (c) => http(c, '/drip.jsonl'), exit: 1, message: /\/drip\.jsonl.*(sending under|no data for|not read within)/i, timeLimitMs: HTTP_TIME_LIMIT_MS },
  { name: 'http: endless body with --limit', bullet: 'limits', args: (c) => http(c, '/endless.jsonl', '--limit', '200'), exit: 0, drops: {}, trainLines: 200 },
  { name: 'http: endless body of good lines', bullet: 'limits', args: (c) => http(c, '/endless.jsonl'), exit: 1, message: /\/endless\.jsonl.*(not read within|httpDeadlineMs|too (large|long|big))/i, timeLimitMs: HTTP_TIME_LIMIT_MS },
  { name: 'http: endless single line', bullet: 'limits', args: (c) => http(c, '/endless-line.jsonl'), exit: 1, message: /\/endless-line\.jsonl.*(not read within|httpDeadlineMs|too (large|long|big))/i, timeLimitMs: HTTP_TIME_LIMIT_MS },
  { name: 'http: endless gzip bomb', bullet: 'limits', args: (c) => http(c, '/bomb.jsonl.gz'), exit: 1, message: /\/bomb\.jsonl\.gz.*(decompresses to more than|maxDecompressedBytes|maxCompressionRatio|not read within|binary, not text)/i, timeLimitMs: HTTP_TIME_LIMIT_MS },
  { name: 'http: Content-Encoding gzip on a plain body', bullet: 'words', args: (c) => http(c, '/lying-gzip.jsonl'), exit: 1, message: /\/lying-gzip\.jsonl.*Content-Encoding/i },
  { name: 'http: Content-Encoding br on a gzip body', bullet: 'words', args: (c) => http(c, '/lying-br.jsonl'), exit: 1, message: /\/lying-br\.jsonl.*Content-Encoding/i },
  { name: 'http: body shorter than Content-Length', bullet: 'handled', args: (c) => http(c, '/short-body.jsonl'), exit: 1, message: /\/short-body\.jsonl/ },
  { name: 'http: body longer than Content-Length', bullet: 'handled', args: (c) => http(c, '/long-body.jsonl'), exit: 0, drops: { invalid_json: 1 }, trainLines: 11 },
  { name: 'http: UTF-16 body labelled UTF-8', bullet: 'words', args: (c) => http(c, '/utf16.jsonl'), exit: 1, message: /UTF-16 \(little-endian\)/ },
  { name: 'http: latin-1 body', bullet: 'corruption', args: (c) => http(c, '/latin1.jsonl'), exit: 0, drops: { invalid_utf8: 1 }, trainLines: 12 },
  { name: 'http: an HTML page with status 200', bullet: 'words', args: (c) => http(c, '/html.jsonl'), exit: 1, message: /\/html\.jsonl.*HTML/i },
  { name: 'http: 404', bullet: 'handled', args: (c) => http(c, '/missing.jsonl'), exit: 1, message: /\/missing\.jsonl: HTTP 404 Not Found/ },
  { name: 'http: redirect loop', bullet: 'handled', args: (c) => http(c, '/loop.jsonl'), exit: 1, message: /\/loop\.jsonl.*redirect/i },
  { name: 'http: connection reset mid-body', bullet: 'handled', args: (c) => http(c, '/reset.jsonl'), exit: 1, message: /\/reset\.jsonl: (connection reset|read failed)/ },
  { name: 'http: nothing listens', bullet: 'handled', args: (c) => run(c, 'jsonl', 'http://127.0.0.1:9/x.jsonl'), exit: 1, message: /http:\/\/127\.0\.0\.1:9\/x\.jsonl/ },

  // ---- Bad paths and --out ----
  { name: 'path: input file missing', bullet: 'paths', args: (c) => jsonl(c, 'nope.jsonl'), exit: 1, message: /nope\.jsonl: file not found/ },
  { name: 'path: input is a directory', bullet: 'paths', setup: (c) => mkdirSync(c.at('adir')), args: (c) => jsonl(c, 'adir'), exit: 1, message: /adir: is a directory/ },
  { name: 'path: a file under a file', bullet: 'paths', setup: (c) => write(c.at('plain'), 'x'), args: (c) => jsonl(c, 'plain/in.jsonl'), exit: 1, message: /plain\/in\.jsonl: file not found/ },
  { name: 'path: an unsupported URL scheme', bullet: 'paths', args: (c) => run(c, 'jsonl', 'ftp://127.0.0.1/x.jsonl'), exit: 1, message: /ftp:\/\/127\.0\.0\.1\/x\.jsonl: unsupported URL scheme/ },
  { name: 'path: a name with spaces and accents', bullet: 'paths', setup: (c) => write(c.at('d\u00e9j\u00e0 vu.jsonl'), goodLines(12)), args: (c) => jsonl(c, 'd\u00e9j\u00e0 vu.jsonl'), exit: 0, drops: {}, trainLines: 12 },
  { name: 'path: a FIFO with no writer', bullet: 'paths', setup: async (c) => { const { execFileSync } = await import('node:child_process'); execFileSync('mkfifo', [c.at('fifo.jsonl')]); }, args: (c) => jsonl(c, 'fifo.jsonl'), exit: 1, message: /fifo\.jsonl: is a named pipe with nothing writing to it \(waited 1 s\)/ },
  { name: 'out: --out is a file', bullet: 'paths', setup: (c) => { write(c.at('in.jsonl'), goodLines(12)); write(c.at('afile'), 'x'); }, args: (c) => ['run', c.pipeline('jsonl', LIMITS), '--input', c.at('in.jsonl'), '--out', c.at('afile')], exit: 2, message: /--out .*afile is a file, not a directory/ },
  { name: 'out: --out under a file', bullet: 'paths', setup: (c) => { write(c.at('in.jsonl'), goodLines(12)); write(c.at('afile'), 'x'); }, args: (c) => ['run', c.pipeline('jsonl', LIMITS), '--input', c.at('in.jsonl'), '--out', c.at('afile', 'run')], exit: 2, message: /--out .*afile\/run cannot be created: a part of the path is a file/ },
  { name: 'out: --out in a read-only place', bullet: 'paths', setup: (c) => write(c.at('in.jsonl'), goodLines(12)), args: (c) => ['run', c.pipeline('jsonl', LIMITS), '--input', c.at('in.jsonl'), '--out', '/proc/tuneset-out'], exit: 2, message: /--out \/proc\/tuneset-out cannot be created/ },

  // ---- A failed run's directory is refused by the commands that read runs ----
  { name: 'failed run: export refuses it', bullet: 'words', setup: (c) => write(c.at('in.jsonl'), 'junk\n'.repeat(5)), before: (c) => [jsonl(c, 'in.jsonl')], args: (c) => ['export', c.out, '--to', 'trl', '--out', c.at('exported')], exit: 1, message: /out: the manifest lists no train\.jsonl; nothing to export|failed|not a finished/ },
  { name: 'failed run: eval refuses it', bullet: 'words', setup: (c) => write(c.at('in.jsonl'), 'junk\n'.repeat(5)), before: (c) => [jsonl(c, 'in.jsonl')], args: (c) => ['eval', c.out, '--model', 'gpt-4o-mini-2024-07-18'], exit: 1, message: /failed|no examples|would be rejected|not a finished/i },
  { name: 'failed run: train refuses it', bullet: 'words', setup: (c) => write(c.at('in.jsonl'), 'junk\n'.repeat(5)), before: (c) => [jsonl(c, 'in.jsonl')], args: (c) => ['train', c.out, '--dry-run'], exit: 1, message: /no examples|would be rejected|failed/i },
];

/**
 * Cases that must fail, each in one of the ways the corpus looks for, so a check that can never
 * fail is caught: a source that decodes loosely (U+FFFD in train.jsonl), one that never ends (a
 * hang), one that fills the heap (a crash under the 256 MB limit) and one that prints a stack
 * trace (a stage's own error is one `[stage]: message` line, so a bug's stack is printed by hand). `expectProblem` is what the runner must report.
 */
const brokenSource = (body: string): string =>
  `import { defineSource, pipeline, split, toChat, validateChat, z } from 'tuneset';\n` +
  `import { readFileSync } from 'node:fs';\n` +
  `const broken = defineSource('broken', z.object({}), async function* (inputs, _options, ctx) {\n${body}\n}, () => ['in.jsonl']);\n` +
  `export default pipeline('broken', { model: 'gpt-4o-mini-2024-07-18' })\n` +
  `  .from(broken())\n` +
  `  .pipe(toChat<{ q: string; a: string }>({ system: 'Answer.', user: (r) => r.q, assistant: (r) => r.a }))\n` +
  `  .pipe(validateChat())\n  .pipe(split({ validation: 0, seed: 1 }));\n`;

const LOOSE_DECODING = `  const lines = readFileSync(inputs[0]!).toString('utf8').split('\\n').filter(Boolean);
  for (const [i, line] of lines.entries()) {
    ctx.countIn(1);
    yield { id: 'l' + i, source: { uri: inputs[0]!, line: i + 1 }, data: JSON.parse(line), meta: {} };
  }`;

export const SELF_CHECKS: (HostileCase & { expectProblem: RegExp })[] = [
  { name: 'self-check: loose decoding is caught as corruption', bullet: 'corruption', setup: (c) => { write(c.at('package.json'), '{"type":"module"}'); write(c.at('p.ts'), brokenSource(LOOSE_DECODING)); write(c.at('in.jsonl'), jsonlWith(bytes('{"q":"caf', [0xff], '","a":"x"}'))); }, args: (c) => ['run', c.at('p.ts'), '--out', c.out], exit: 0, expectProblem: /train\.jsonl:\d+ holds U\+FFFD/ },
  { name: 'self-check: a source that never ends is a hang', bullet: 'limits', setup: (c) => { write(c.at('package.json'), '{"type":"module"}'); write(c.at('p.ts'), brokenSource('  await new Promise(() => setInterval(() => undefined, 1000));\n  yield* [];')); }, args: (c) => ['run', c.at('p.ts'), '--out', c.out], exit: 0, timeLimitMs: 5000, expectProblem: /^hang: still running after 5 s$/ },
  { name: 'self-check: a heap blow-up is a crash', bullet: 'limits', setup: (c) => { write(c.at('package.json'), '{"type":"module"}'); write(c.at('p.ts'), brokenSource('  const held: number[][] = [];\n  for (let i = 0; ; i++) held.push(new Array(1_000_000).fill(i));\n  yield* [];')); }, args: (c) => ['run', c.at('p.ts'), '--out', c.out], exit: 0, expectProblem: /^(crash: (signal SIGABRT|exit 134)|memory blow-up)/ },
  { name: 'self-check: a stack trace on stderr is caught', bullet: 'words', setup: (c) => { write(c.at('package.json'), '{"type":"module"}'); write(c.at('p.ts'), brokenSource("  console.error(new TypeError('a bug').stack);\n  throw new Error('stopped');\n  yield* [];")); }, args: (c) => ['run', c.at('p.ts'), '--out', c.out], exit: 1, expectProblem: /^a stack trace on stderr$/ },
];
