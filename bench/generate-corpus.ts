// Generates an AR-LSAT-format benchmark corpus (a JSON array of passages with their questions),
// reproducibly from a seed, written as it is generated. Corpora are cached under output/bench/corpus/
// keyed by record count, seed and generator version, so re-runs skip generation.
//
//   npx tsx bench/generate-corpus.ts --records 200000 [--seed 1]
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createRandom, createTextGenerator } from './corpus-text.js';

/** Bump when the generated text changes, so cached corpora are regenerated. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 1;
/** Share of question records that are exact copies of earlier ones (whole passages under new ids). */
export const DUPLICATE_SHARE = 0.01;

export interface CorpusInfo {
  path: string;
  records: number;
  passages: number;
  /** Question records that repeat an earlier question exactly (dedupe should drop these). */
  duplicates: number;
  bytes: number;
  seed: number;
  generatorVersion: number;
}

interface Question {
  id: string;
  question: string;
  options: string[];
  answer: string;
}

interface Passage {
  id: string;
  passage: string;
  questions: Question[];
}

const LETTERS = 'ABCDE';
const FLUSH_AT = 1 << 20;
/** Recent originals a duplicate may copy (kept in memory; the corpus itself never is). */
const RECENT = 64;

/** Writes `records` question records to `path` and returns what it wrote. */
export const generateCorpus = (path: string, records: number, seed: number): Omit<CorpusInfo, 'path'> => {
  if (!Number.isInteger(records) || records < 1) throw new Error(`records must be a positive integer, got ${records}`);
  const r = createRandom(seed);
  const text = createTextGenerator(r);
  const fd = openSync(path, 'w');
  let buffer = '';
  let bytes = 0;
  const write = (s: string) => {
    buffer += s;
    if (buffer.length >= FLUSH_AT) flush();
  };
  const flush = () => {
    const buf = Buffer.from(buffer, 'utf8');
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
    bytes += buf.length;
    buffer = '';
  };

  const recent: Passage[] = [];
  let written = 0;
  let passages = 0;
  let duplicates = 0;
  try {
    write('[\n');
    while (written < records) {
      const id = `bench-s${seed}-P${String(passages).padStart(7, '0')}`;
      const remaining = records - written;
      let p: Passage;
      // Per passage, so that about DUPLICATE_SHARE of the question records are copies.
      if (recent.length > 0 && r.chance(DUPLICATE_SHARE)) {
        const original = r.pick(recent);
        const questions = original.questions.slice(0, remaining).map((q, i) => ({ ...q, id: `${id}_${i + 1}` }));
        p = { id, passage: original.passage, questions };
        duplicates += questions.length;
      } else {
        const cast = text.cast();
        const passage = text.passage();
        const count = Math.min(remaining, r.int(4, 8));
        const questions = Array.from({ length: count }, (_, i): Question => {
          const optionCount = r.chance(0.03) ? 4 : 5;
          return { id: `${id}_${i + 1}`, question: text.question(cast), options: text.options(optionCount, cast), answer: LETTERS[r.int(0, optionCount - 1)]! };
        });
        p = { id, passage, questions };
        if (recent.length < RECENT) recent.push(p);
        else recent[r.int(0, RECENT - 1)] = p;
      }
      write(`${passages > 0 ? ',\n' : ''}${JSON.stringify(p)}`);
      written += p.questions.length;
      passages++;
    }
    write('\n]\n');
    flush();
  } finally {
    closeSync(fd);
  }
  return { records: written, passages, duplicates, bytes, seed, generatorVersion: GENERATOR_VERSION };
};

export const corpusDir = (root = 'output/bench') => resolve(root, 'corpus');

/**
 * The cached corpus for (records, seed), generated first if it is missing or incomplete. The file
 * is written under a temporary name and its description last, so a killed run is never reused.
 */
export const ensureCorpus = (records: number, seed = DEFAULT_SEED, root = 'output/bench'): CorpusInfo & { cached: boolean } => {
  const dir = corpusDir(root);
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `ar-lsat-n${records}-s${seed}-g${GENERATOR_VERSION}`);
  const path = `${base}.json`;
  const infoPath = `${base}.info.json`;
  if (existsSync(path) && existsSync(infoPath)) {
    try {
      const info = JSON.parse(readFileSync(infoPath, 'utf8')) as CorpusInfo;
      if (info.records === records && info.bytes === statSync(path).size) return { ...info, path, cached: true };
    } catch {
      // An unreadable description: regenerate below.
    }
  }
  rmSync(infoPath, { force: true });
  const tmp = `${path}.partial`;
  const info = generateCorpus(tmp, records, seed);
  renameSync(tmp, path);
  writeFileSync(infoPath, `${JSON.stringify({ ...info, path }, null, 2)}\n`);
  return { ...info, path, cached: false };
};

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const { values } = parseArgs({ options: { records: { type: 'string', default: '200000' }, seed: { type: 'string', default: String(DEFAULT_SEED) } } });
  const t0 = performance.now();
  const info = ensureCorpus(Number(values.records), Number(values.seed));
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  process.stdout.write(`${info.cached ? 'cached' : `generated in ${s}s`}: ${info.path}\n${JSON.stringify(info, null, 2)}\n`);
}
