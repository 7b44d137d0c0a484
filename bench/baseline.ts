// The bare baseline the pipeline is measured against: read the file passage by passage (a fixed
// buffer and a bare splitter, so 1 GB of corpus is no 1 GB string, which V8 cannot hold), JSON.parse
// each passage, build the same chat messages as pipelines/ar-lsat.ts, count every message's tokens
// with the same tokenizer and no caching, and write the JSONL lines. One thread, no framework: no
// stages, no ledger, no spool, no meta.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { get_encoding } from 'tiktoken';
import { SYSTEM_PROMPT } from '../pipelines/ar-lsat.js';
import type { ChatMessage } from '../src/stages/format/chat-example.js';
import { letteredOptions } from '../src/stages/format/lettered-options.js';
import { JsonArraySplitter } from './json-array-splitter.js';

interface RawQuestion {
  id: string;
  question: string;
  options: string[];
  answer: string;
}

interface RawPassage {
  id: string;
  passage: string;
  questions: RawQuestion[];
}

/** A few output lines with their ids, so the bench can check the pipeline wrote the same text and count. */
export interface BaselineSample {
  id: string;
  line: string;
  tokens: number;
}

export interface BaselineResult {
  records: number;
  tokens: number;
  bytesIn: number;
  bytesOut: number;
  /** Milliseconds per phase; `read` is reading the file, `parse` splitting it into passages and JSON.parse, `init` creates the encoder, `tokenize` is the time inside it, `build` the rest of the loop. */
  phases: { read: number; parse: number; init: number; build: number; tokenize: number; write: number };
  sample: BaselineSample[];
}

// The cookbook's chat formula, as the pipeline applies it (src/stages/token-check/chat-tokens.ts).
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;
const FLUSH_AT = 1 << 20;
const READ_CHUNK = 4 << 20;
const SAMPLE = 3;

// The user turn of pipelines/ar-lsat.ts. The pipeline file defines it inline; if it were exported
// (like SYSTEM_PROMPT) the baseline would import it. The bench checks the written text is identical.
const userTurn = (p: RawPassage, q: RawQuestion) => `Passage:\n${p.passage}\n\nQuestion:\n${q.question}\n\nOptions:\n${letteredOptions(q.options)}`;

export const runBaseline = (corpusPath: string, outPath: string): BaselineResult => {
  const phases = { read: 0, parse: 0, init: 0, build: 0, tokenize: 0, write: 0 };
  let t = performance.now();
  const lap = (phase: keyof typeof phases) => {
    const now = performance.now();
    phases[phase] += now - t;
    t = now;
  };

  // The same encoding and call as the pipeline's token-check (o200k_base for gpt-4o-mini).
  const enc = get_encoding('o200k_base');
  lap('init');
  const fd = openSync(outPath, 'w');
  const sample: BaselineSample[] = [];
  let chunks: string[] = [];
  let pending = 0;
  let bytesOut = 0;
  let records = 0;
  let tokens = 0;
  const flush = () => {
    const buf = Buffer.from(chunks.join(''), 'utf8');
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
    bytesOut += buf.length;
    chunks = [];
    pending = 0;
  };
  const passage = (p: RawPassage) => {
    for (const q of p.questions) {
      const messages: ChatMessage[] = [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: userTurn(p, q) },
        { role: 'assistant', content: q.answer },
      ];
      lap('build');
      let n = REPLY_PRIMING;
      for (const m of messages) n += PER_MESSAGE + enc.encode_ordinary(m.role).length + enc.encode_ordinary(m.content as string).length;
      lap('tokenize');
      const line = JSON.stringify({ messages });
      chunks.push(line, '\n');
      pending += line.length + 1;
      if (pending >= FLUSH_AT) flush();
      if (sample.length < SAMPLE) sample.push({ id: q.id, line, tokens: n });
      records++;
      tokens += n;
      lap('write');
    }
  };
  const input = openSync(corpusPath, 'r');
  // One buffer for the whole file: the splitter copies only the part of a passage cut by a chunk's end.
  const chunk = Buffer.allocUnsafe(READ_CHUNK);
  const splitter = new JsonArraySplitter();
  const elements: Buffer[] = [];
  let bytesIn = 0;
  try {
    for (;;) {
      const n = readSync(input, chunk, 0, chunk.length, null);
      lap('read');
      if (n === 0) break;
      bytesIn += n;
      splitter.push(chunk.subarray(0, n), elements);
      lap('parse');
      for (const element of elements) {
        const p = JSON.parse(element.toString('utf8')) as RawPassage;
        lap('parse');
        passage(p);
      }
      elements.length = 0;
    }
    splitter.end();
    flush();
    lap('write');
  } finally {
    closeSync(input);
    closeSync(fd);
    enc.free();
  }
  return { records, tokens, bytesIn, bytesOut, phases: roundAll(phases), sample };
};

const roundAll = <K extends string>(o: Record<K, number>): Record<K, number> =>
  Object.fromEntries(Object.entries<number>(o).map(([k, v]) => [k, Math.round(v)])) as Record<K, number>;
