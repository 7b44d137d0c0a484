import { z } from 'zod';
import { dropReasons } from '../../pipeline/drop-codes.js';
import type { Item, Json } from '../../pipeline/item.js';
import { defineSource, type StageContext } from '../../pipeline/stage.js';
import { inputList, inputPathSchema, lineId } from './input-spec.js';
import { JSON_LINES_DROP_CODES, readJsonLines } from './json-lines.js';
import { inputLimitsShape } from './input-limits.js';
import { maxRecordBytesSchema } from './record-size.js';
import { issuesDetail } from './zod-detail.js';
import { explainNoRecords } from './no-records.js';

/** A chat message of an eval's prompt, kept whole (extra keys such as `name` included). */
export type EvalMessage = { role: string; content: Json } & { [key: string]: Json };

/** The `data` of every item `importEvals` yields. */
export interface EvalsData {
  input: EvalMessage[];
  /** The expected answer, or the accepted answers. */
  ideal: string | string[];
}

const MessageSchema = z.looseObject({
  role: z.string().min(1),
  content: z.union([z.string(), z.array(z.unknown()), z.null()]),
});

const LineSchema = z.object({
  input: z.array(MessageSchema).min(1),
  ideal: z.union([z.string(), z.array(z.string()).min(1)], { error: 'expected a string or a non-empty array of strings' }),
  id: z.union([z.string().min(1), z.number()]).optional(),
});

export const ImportEvalsOptions = z.strictObject({
  path: inputPathSchema.describe('OpenAI evals JSONL files (a path, file: or http(s) URL, gzip or not), read in order; `--input` replaces them.'),
  maxRecordBytes: maxRecordBytesSchema,
  ...inputLimitsShape,
});

export const IMPORT_EVALS_DROP_CODES = {
  ...JSON_LINES_DROP_CODES,
  invalid_record: 'a line that is not `{ input: [chat messages], ideal }`; detail: the field paths and messages',
} as const;

const reason = dropReasons(IMPORT_EVALS_DROP_CODES);

async function* readEvals(inputs: readonly string[], options: z.output<typeof ImportEvalsOptions>, ctx: StageContext): AsyncGenerator<Item<EvalsData>> {
  for (const uri of inputs) {
    if (ctx.limitReached?.()) return;
    for await (const { value, line, text } of readJsonLines(uri, ctx, options.maxRecordBytes, options)) {
      const source = { uri, line };
      const parsed = LineSchema.safeParse(value);
      if (!parsed.success) {
        ctx.drop({ id: lineId(uri, line), source, data: { raw: text } }, reason('invalid_record', issuesDetail(parsed.error)));
        continue;
      }
      const { input, ideal, id } = parsed.data;
      yield { id: id === undefined ? lineId(uri, line) : String(id), source, data: { input: input as EvalMessage[], ideal }, meta: {} };
    }
  }
}

/**
 * OpenAI evals JSONL (`{"input": [chat messages], "ideal": "C"}`, the LogiEval format): one item
 * per line, id `<file basename>:<line>` unless the line carries its own `id`.
 */
export const importEvals = defineSource('import-evals', ImportEvalsOptions, explainNoRecords('json-lines', readEvals), (options) => inputList(options.path));
