import { z } from 'zod';
import { kindOf, type Item, type Json } from '../../pipeline/item.js';
import { defineSource, type StageContext } from '../../pipeline/stage.js';
import { fieldPlan, fieldsSchema, getPath, isDrop, mapFields } from './field-map.js';
import { inputList, inputPathSchema, lineId } from './input-spec.js';
import { readJsonLines } from './json-lines.js';

const OptionsSchema = z.strictObject({
  /** JSONL files (a path, file: or http(s) URL, gzip or not), read in order. */
  path: inputPathSchema,
  /** `data` field name -> dotted path into each line's object. */
  fields: fieldsSchema,
  /** Dotted path to the record's id; default `<file basename>:<line>`. */
  id: z.string().min(1).optional(),
  /** Dotted path to the record's group (records that must land in the same split). */
  group: z.string().min(1).optional(),
});

type Options = z.output<typeof OptionsSchema>;


async function* readJsonl(inputs: readonly string[], options: Options, ctx: StageContext): AsyncGenerator<Item<Record<string, Json>>> {
  const plan = fieldPlan(options.fields, options.id, options.group);
  for (const uri of inputs) {
    for await (const { value, line, text } of readJsonLines(uri, ctx)) {
      const source = { uri, line };
      const at = { id: lineId(uri, line), source };
      // A line that never becomes a record is kept as written.
      const asWritten = { ...at, data: { raw: text } };
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        ctx.drop(asWritten, { code: 'invalid_record', detail: { message: `expected a JSON object, got ${kindOf(value)}` } });
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
export const importJsonl = defineSource('import-jsonl', OptionsSchema, readJsonl, (options) => inputList(options.path));
