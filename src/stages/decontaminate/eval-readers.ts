import { SourceError } from '../../pipeline/errors.js';
import type { StageContext } from '../../pipeline/stage.js';
import { lineId } from '../import/input-spec.js';
import { readJsonArray } from '../import/json-array-reader.js';
import { openInput } from '../import/open-input.js';
import { readTextLines } from '../import/text-lines.js';
import { hexByte } from '../import/utf8.js';

/** One evaluation item: its id and the texts a training item must not overlap. */
export interface EvalText {
  id: string;
  texts: string[];
}

type ReadContext = Pick<StageContext, 'recordInput' | 'signal'>;

const isWhitespace = (b: number): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0xef || b === 0xbb || b === 0xbf;

/** The first byte that is not whitespace (or a BOM), and the whole stream replayed. */
const peek = async (chunks: AsyncIterable<Uint8Array>): Promise<{ first: number | undefined; replay: AsyncIterable<Uint8Array> }> => {
  const it = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let first: number | undefined;
  let ended = false;
  while (first === undefined) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    head.push(r.value);
    first = r.value.find((b) => !isWhitespace(b));
  }
  const replay = async function* () {
    try {
      yield* head;
      if (!ended) for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    } finally {
      // Closes the file (or connection) when the reader stops early on a bad line.
      await it.return?.();
    }
  };
  return { first, replay: replay() };
};

/** Text of a message's content: a string, or the text parts of a content array. */
const contentText = (content: unknown): string[] => {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  return content.flatMap((part: unknown) => {
    const text = (part as { text?: unknown } | null)?.text;
    return typeof text === 'string' ? [text] : [];
  });
};

/**
 * The texts of one JSONL line: an evals line (`{input: [messages], ideal}`) or a chat line
 * (`{messages}`). System messages are left out: one instruction shared by every eval item would
 * tie a training item to all of them at once and to none in particular.
 */
const lineTexts = (value: unknown): string[] | undefined => {
  const v = value as { input?: unknown; messages?: unknown } | null;
  const messages = Array.isArray(v?.input) ? v.input : Array.isArray(v?.messages) ? v.messages : undefined;
  if (!messages) return undefined;
  return messages.flatMap((m: unknown) => {
    const msg = m as { role?: unknown; content?: unknown } | null;
    return msg?.role === 'system' ? [] : contentText(msg?.content);
  });
};

async function* jsonlItems(uri: string, bytes: AsyncIterable<Uint8Array>): AsyncGenerator<EvalText> {
  for await (const { text, line, invalid } of readTextLines(bytes)) {
    // A line read wrongly could hide an eval item: it stops the run like a line that is not JSON.
    if (invalid) throw new SourceError(uri, `line ${line}, column ${invalid.column}: invalid UTF-8 byte ${hexByte(invalid.byte)}; the file must be UTF-8 text`);
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new SourceError(uri, `line ${line}: not JSON: ${(error as Error).message}`);
    }
    const texts = lineTexts(value);
    // An eval set read wrongly would let contaminated items through unseen, so a bad line stops the run.
    if (!texts) throw new SourceError(uri, `line ${line}: expected an evals line ({"input": [messages]}) or a chat line ({"messages": [...]})`);
    const own = (value as { id?: unknown }).id;
    yield { id: typeof own === 'string' || typeof own === 'number' ? String(own) : lineId(uri, line), texts };
  }
}

/** AR-LSAT JSON: one eval item per question, with its passage. */
async function* arLsatItems(uri: string, bytes: AsyncIterable<Uint8Array>): AsyncGenerator<EvalText> {
  for await (const { value, line } of readJsonArray(bytes, uri, 'questions')) {
    const p = value as { id?: unknown; passage?: unknown; questions?: unknown } | null;
    if (typeof p?.passage !== 'string' || !Array.isArray(p.questions)) throw new SourceError(uri, `line ${line}: expected an AR-LSAT passage ({passage, questions})`);
    for (const [k, raw] of p.questions.entries()) {
      const q = raw as { id?: unknown; question?: unknown; options?: unknown } | null;
      const options = Array.isArray(q?.options) ? q.options.filter((o): o is string => typeof o === 'string') : [];
      const id = typeof q?.id === 'string' ? q.id : `${typeof p.id === 'string' ? p.id : lineId(uri, line)}_${k + 1}`;
      yield { id, texts: [p.passage, typeof q?.question === 'string' ? q.question : '', ...options] };
    }
  }
}

/** The eval items of one file, whichever of the three formats it is (told by its first character). */
export async function* readEvalTexts(uri: string, ctx: ReadContext): AsyncGenerator<EvalText> {
  const { first, replay } = await peek(openInput(uri, ctx));
  if (first === 0x5b) yield* arLsatItems(uri, replay);
  else yield* jsonlItems(uri, replay);
}
