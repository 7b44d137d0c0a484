import { join } from 'node:path';
import { z } from 'zod';
import { dropReasons } from '../../pipeline/drop-codes.js';
import type { Item, Json } from '../../pipeline/item.js';
import { defineSource, type StageContext } from '../../pipeline/stage.js';
import { inputList, inputPathSchema, lineId } from './input-spec.js';
import { openInput } from './open-input.js';
import { inputLimitsShape } from './input-limits.js';
import { maxRecordBytesSchema } from './record-size.js';
import { readJsonArray, type ParsedElement } from './json-array-reader.js';
import { elementDefects } from './element-defects.js';
import { issuesDetail } from './zod-detail.js';
import { MAX_LETTERED_OPTIONS } from '../format/lettered-options.js';
import { MAX_JSON_DEPTH } from './json-depth.js';
import { explainNoRecords } from './no-records.js';
import { FirstSeenIds } from './first-seen-ids.js';

/** One AR-LSAT question with its passage: the `data` of every item this source yields. */
export interface ArLsatQuestion {
  passageId: string;
  passage: string;
  question: string;
  options: string[];
  /** The letter of the correct option, "A".."E". */
  answer: string;
}

const LETTERS = ['A', 'B', 'C', 'D', 'E'] as const;

// Questions are checked one by one, so a bad question rejects itself and not its passage.
const PassageSchema = z.object({ id: z.string().min(1), passage: z.string(), questions: z.array(z.unknown()) });
const QuestionSchema = z.object({
  id: z.string().min(1),
  question: z.string(),
  options: z.array(z.string()).min(2),
  answer: z.enum(LETTERS),
});

export const ImportArLsatOptions = z.strictObject({
  path: inputPathSchema.describe('AR-LSAT JSON files (a path, file: or http(s) URL, gzip or not), read in order; `--input` replaces them.'),
  maxRecordBytes: maxRecordBytesSchema,
  ...inputLimitsShape,
});

export const IMPORT_AR_LSAT_DROP_CODES = {
  invalid_record: 'a passage or question not of the AR-LSAT shape (a question is rejected alone, not its passage); detail: the field paths and messages',
  answer_out_of_range: 'the answer letter names no option (E with four options); detail: the answer and the number of options',
  too_many_options: `a question with more than ${MAX_LETTERED_OPTIONS} options, more than letters A-J can name in a prompt; detail: the number of options and the limit`,
  too_deep: `a question (or the passage, when outside its questions) nesting arrays and objects more than ${MAX_JSON_DEPTH} levels deep, past what recursive code can walk; detail: the limit, line and column of the bracket past it`,
  no_questions: 'a passage with an empty `questions` list',
  duplicate_id: 'a question id already yielded in this run (ids key meta.jsonl); detail: where the first one is',
  duplicate_key: 'a JSON object with a key written twice (JSON.parse would keep the last value without a word): the question, or the passage when the key is outside its questions; detail: the key, its JSON path, line and column',
  lone_surrogate: 'a string holding a lone UTF-16 surrogate (a `\\ud800` escape), which OpenAI refuses: the question, or the passage when the string is outside its questions; detail: the JSON path',
} as const;

const reason = dropReasons(IMPORT_AR_LSAT_DROP_CODES);

const stringId = (value: unknown): string | undefined => {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
};

/**
 * Ids: an item's id is the question's own id (AR-LSAT's are `<passage id>_<n>`), as the design asks.
 * Ids must be unique in a run (meta.jsonl is keyed by id), so a question whose id was already
 * yielded (two passages, or two files, sharing ids) is dropped as `duplicate_id`, naming where the
 * first one is, rather than renamed: a rename would make the id depend on input order.
 */
function* passageItems(
  element: ParsedElement,
  uri: string,
  ctx: StageContext,
  seen: FirstSeenIds,
): Generator<Item<ArLsatQuestion>> {
  const at = { uri, line: element.line };
  const defects = elementDefects(element.text, element.value, element.line, element.column, 'questions');
  if (defects.element) return void ctx.drop({ id: stringId(element.value) ?? lineId(uri, element.line), source: at, data: element.value as Json }, defects.element);
  const passage = PassageSchema.safeParse(element.value);
  if (!passage.success) {
    const id = stringId(element.value) ?? lineId(uri, element.line);
    return void ctx.drop({ id, source: at, data: element.value as Json }, reason('invalid_record', issuesDetail(passage.error)));
  }
  const { id: passageId, passage: text, questions } = passage.data;
  if (questions.length === 0) return void ctx.drop({ id: passageId, group: passageId, source: at }, reason('no_questions'));
  // The scanner found one line per question object; if the counts disagree (an exotic key
  // spelling), the passage's line is still a true place to look.
  const lines = element.childLines.length === questions.length ? element.childLines : undefined;

  for (const [k, raw] of questions.entries()) {
    // Counted just before each extra child, so a consumer that stops after any yield leaves the ledger balanced.
    if (k > 0) ctx.countExpanded(1);
    const source = { uri, line: lines?.[k] ?? element.line };
    const defect = defects.children.get(k);
    if (defect) {
      ctx.drop({ id: stringId(raw) ?? lineId(uri, source.line), group: passageId, source, data: { passageId, question: raw as Json } }, defect);
      continue;
    }
    const parsed = QuestionSchema.safeParse(raw);
    if (!parsed.success) {
      const id = stringId(raw) ?? lineId(uri, source.line);
      // The raw question goes to rejected.jsonl with its passage id, so nothing is lost.
      ctx.drop({ id, group: passageId, source, data: { passageId, question: raw as Json } }, reason('invalid_record', issuesDetail(parsed.error, ['questions', k])));
      continue;
    }
    const q = parsed.data;
    const item: Item<ArLsatQuestion> = {
      id: q.id,
      group: passageId,
      source,
      data: { passageId, passage: text, question: q.question, options: q.options, answer: q.answer },
      meta: { answer: q.answer },
    };
    if (q.options.length > MAX_LETTERED_OPTIONS) {
      ctx.drop(item, reason('too_many_options', { options: q.options.length, limit: MAX_LETTERED_OPTIONS }));
      continue;
    }
    if (LETTERS.indexOf(q.answer) >= q.options.length) {
      ctx.drop(item, reason('answer_out_of_range', { answer: q.answer, options: q.options.length }));
      continue;
    }
    const first = seen.recordFirst(q.id, uri, source.line);
    if (first !== undefined) {
      ctx.drop(item, reason('duplicate_id', { first }));
      continue;
    }
    yield item;
  }
}

async function* readArLsat(inputs: readonly string[], options: z.output<typeof ImportArLsatOptions>, ctx: StageContext): AsyncGenerator<Item<ArLsatQuestion>> {
  const seen = new FirstSeenIds(join(ctx.tmpDir, 'import-ar-lsat-ids'), ctx.keyMemoryBytes);
  try {
    for (const uri of inputs) {
      if (ctx.limitReached?.()) return;
      for await (const element of readJsonArray(openInput(uri, ctx, options), uri, 'questions', options.maxRecordBytes)) {
        // --limit counts passages read, rejected or not.
        if (ctx.limitReached?.()) return;
        ctx.countIn(1);
        yield* passageItems(element, uri, ctx, seen);
      }
    }
  } finally {
    seen.close();
  }
}

/**
 * AR-LSAT JSON (`[{id, passage, questions: [{id, question, options, answer}]}]`), streamed: one
 * item per question, grouped by passage so a passage's questions land in the same split.
 */
export const importArLsat = defineSource('import-ar-lsat', ImportArLsatOptions, explainNoRecords('json-array', readArLsat), (options) => inputList(options.path));
