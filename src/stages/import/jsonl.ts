import { z } from 'zod';
import { dropReasons } from '../../pipeline/drop-codes.js';
import { kindOf, type Item, type Json } from '../../pipeline/item.js';
import { defineSource, type StageContext } from '../../pipeline/stage.js';
import { FIELD_DROP_CODES, fieldPlan, fieldsSchema, getPath, isDrop, mapFields } from './field-map.js';
import { inputList, inputPathSchema, lineId } from './input-spec.js';
import { JSON_LINES_DROP_CODES, readJsonLines } from './json-lines.js';
import { inputLimitsShape } from './input-limits.js';
import { maxRecordBytesSchema } from './record-size.js';
import { explainNoRecords } from './no-records.js';

export const ImportJsonlOptions = z.strictObject({
  path: inputPathSchema.describe('JSONL files (a path, file: or http(s) URL, gzip or not), read in order; `--input` replaces them.'),
  fields: fieldsSchema.describe("`data` field name -> dotted path into each line's object (`input.0.content`); `{ path, optional: true }` may be absent."),
  id: z.string().min(1).optional().meta({ description: "Dotted path to the record's id.", whenAbsent: '`<file basename>:<line>`' }),
  group: z.string().min(1).optional().describe("Dotted path to the record's group (records that must land in the same split)."),
  maxRecordBytes: maxRecordBytesSchema,
  ...inputLimitsShape,
});

export const IMPORT_JSONL_DROP_CODES = {
  ...JSON_LINES_DROP_CODES,
  invalid_record: 'a line that is not a JSON object',
  ...FIELD_DROP_CODES,
} as const;

const reason = dropReasons(IMPORT_JSONL_DROP_CODES);

type Options = z.output<typeof ImportJsonlOptions>;


async function* readJsonl(inputs: readonly string[], options: Options, ctx: StageContext): AsyncGenerator<Item<Record<string, Json>>> {
  const plan = fieldPlan(options.fields, options.id, options.group);
  for (const uri of inputs) {
    if (ctx.limitReached?.()) return;
    for await (const { value, line, text } of readJsonLines(uri, ctx, options.maxRecordBytes, options)) {
      const source = { uri, line };
      const at = { id: lineId(uri, line), source };
      // A line that never becomes a record is kept as written.
      const asWritten = { ...at, data: { raw: text } };
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        ctx.drop(asWritten, reason('invalid_record', { message: `expected a JSON object, got ${kindOf(value)}` }));
        continue;
      }
      const mapped = mapFields(plan, (field) => getPath(value, field.path));
      if (isDrop(mapped)) {
        ctx.drop(asWritten, mapped);
        continue;
      }
      yield { id: mapped.id ?? at.id, ...(mapped.group === undefined ? {} : { group: mapped.group }), source, data: mapped.data, meta: {} };
    }
  }
}

/** Any JSONL of objects, with the fields to keep mapped by dotted path: one item per line. */
export const importJsonl = defineSource('import-jsonl', ImportJsonlOptions, explainNoRecords('json-lines', readJsonl), (options) => inputList(options.path));
