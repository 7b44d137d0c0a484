// The bare baseline the pipeline is measured against: read the file, JSON.parse it whole, build the
// same chat messages as pipelines/ar-lsat.ts, count every message's tokens with the same tokenizer
// and no caching, and write the JSONL lines. No framework: no stages, no ledger, no spool, no meta.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { get_encoding } from 'tiktoken';
import { SYSTEM_PROMPT } from '../pipelines/ar-lsat.js';
import type { ChatMessage } from '../src/stages/format/chat-example.js';
import { letteredOptions } from '../src/stages/format/lettered-options.js';

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
  /** Milliseconds per phase; `init` creates the encoder, `tokenize` is the time inside it, `build` the rest of the loop. */
  phases: { read: number; parse: number; init: number; build: number; tokenize: number; write: number };
  sample: BaselineSample[];
}

// The cookbook's chat formula, as the pipeline applies it (src/stages/token-check/chat-tokens.ts).
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;
const FLUSH_AT = 1 << 20;
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

  const text = readFileSync(corpusPath, 'utf8');
  const bytesIn = Buffer.byteLength(text, 'utf8');
  lap('read');
  const passages = JSON.parse(text) as RawPassage[];
  lap('parse');

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
  try {
    for (const p of passages) {
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
    }
    flush();
    lap('write');
  } finally {
    closeSync(fd);
    enc.free();
  }
  return { records, tokens, bytesIn, bytesOut, phases: roundAll(phases), sample };
};

const roundAll = <K extends string>(o: Record<K, number>): Record<K, number> =>
  Object.fromEntries(Object.entries<number>(o).map(([k, v]) => [k, Math.round(v)])) as Record<K, number>;
