// Checks piece-level counting (src/tokenizers/piece-counter.ts) against tiktoken's whole-string
// encode_ordinary, for o200k_base and cl100k_base, on real data. Not a test: it reads inputs the
// repository does not hold (a run directory's chat examples, a generated corpus) and may take minutes.
//   node --import tsx scripts/check-piece-counts.ts <train.jsonl|corpus.json>... [--codepoints]
// .jsonl: chat examples, one a line: every example's token count (the chat formula) and every string
//   it counts are compared. .json: any JSON document: every string in it is compared.
// --codepoints: every code point but surrogates, alone and in 10 contexts (letters, digits, marks,
//   spaces, apostrophe), is compared.
// Prints what was compared and every difference; exit 1 on any.
import { readFileSync } from 'node:fs';
import type { TrainingExample } from '../src/stages/format/chat-example.js';
import { countExampleTokens, exampleTexts } from '../src/tokenizers/openai-chat-formula.js';
import { pieceCounter } from '../src/tokenizers/piece-counter.js';
import { tiktokenFor, type TiktokenEncoding, type TokenEncoder } from '../src/tokenizers/tiktoken-encoder.js';

const ENCODINGS: TiktokenEncoding[] = ['o200k_base', 'cl100k_base'];
const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
if (files.length === 0 && !args.includes('--codepoints')) {
  process.stderr.write('usage: node --import tsx scripts/check-piece-counts.ts <train.jsonl|corpus.json>... [--codepoints]\n');
  process.exit(2);
}

let differences = 0;
const report = (where: string, what: string, whole: number, pieces: number) => {
  differences++;
  if (differences <= 50) process.stdout.write(`DIFFERENT ${where}: ${what}: whole ${whole}, pieces ${pieces}\n`);
};

const checkers = ENCODINGS.map((encoding) => {
  const enc = tiktokenFor(encoding);
  const whole: TokenEncoder = { count: (t) => (t.length === 0 ? 0 : enc.encode_ordinary(t).length) };
  return { encoding, whole, pieces: pieceCounter(encoding) };
});

const checkText = (where: string, text: string) => {
  for (const c of checkers) {
    const w = c.whole.count(text);
    const p = c.pieces.count(text);
    if (w !== p) report(`${where} ${c.encoding}`, JSON.stringify(text.slice(0, 80)), w, p);
  }
};

const strings = function* (v: unknown): Generator<string> {
  if (typeof v === 'string') yield v;
  else if (Array.isArray(v)) for (const x of v) yield* strings(x);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) yield* strings(x);
};

for (const file of files) {
  const started = Date.now();
  let records = 0;
  let texts = 0;
  if (file.endsWith('.jsonl')) {
    for (const [i, line] of readFileSync(file, 'utf8').split('\n').entries()) {
      if (line.trim() === '') continue;
      const example = JSON.parse(line) as TrainingExample;
      records++;
      for (const c of checkers) {
        const w = countExampleTokens(example, c.whole, c.encoding).total;
        const p = countExampleTokens(example, c.pieces, c.encoding).total;
        if (w !== p) report(`${file}:${i + 1} ${c.encoding}`, 'example total', w, p);
        for (const text of exampleTexts(example, c.encoding)) {
          texts++;
          const tw = c.whole.count(text);
          const tp = c.pieces.count(text);
          if (tw !== tp) report(`${file}:${i + 1} ${c.encoding}`, JSON.stringify(text.slice(0, 80)), tw, tp);
        }
      }
    }
  } else {
    for (const text of strings(JSON.parse(readFileSync(file, 'utf8')))) {
      texts++;
      checkText(file, text);
    }
  }
  process.stdout.write(`${file}: ${records} examples, ${texts} strings compared in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

if (args.includes('--codepoints')) {
  const started = Date.now();
  let compared = 0;
  const contexts = (c: string) => [c, `a${c}`, `${c}a`, `A${c}b`, ` ${c}`, `${c} x`, `1${c}2`, `'${c}`, `x'${c}`, `${c}${c}\u0301`, `\n${c}\n `];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    for (const text of contexts(String.fromCodePoint(cp))) {
      compared++;
      checkText(`U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, text);
    }
  }
  process.stdout.write(`code points: ${compared} texts compared in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

for (const c of checkers) {
  process.stdout.write(`${c.encoding}: piece cache hits ${c.pieces.hits}, misses ${c.pieces.misses}, texts encoded whole ${c.pieces.wholeTexts}\n`);
}
process.stdout.write(differences === 0 ? 'no differences\n' : `${differences} differences\n`);
process.exit(differences === 0 ? 0 : 1);
