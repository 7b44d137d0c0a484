import type { StageContext } from '../../pipeline/stage.js';
import { inputBasename } from '../import/input-spec.js';
import { openInput } from '../import/open-input.js';
import { argillaRow, isArgillaRecord } from './labels-argilla.js';
import { readLabelsCsv } from './labels-csv.js';
import { peekFirstByte, plainRow, readJsonElements, type JsonElement } from './labels-json.js';
import { isLabelStudioTask, labelStudioRow } from './labels-label-studio.js';
import type { LabelsFormat, LabelsOptions } from './labels-options.js';
import type { LabelEvent, LabelRow } from './labels-row.js';

export interface OpenedLabels {
  /** The format read: as given, or as told from the name and the content. */
  format: LabelsFormat;
  events: AsyncIterable<LabelEvent>;
}

/** `labels.csv.gz` -> `csv`; a URL's path counts, not its query. */
const extensionOf = (uri: string): string => /\.([a-z0-9]+)$/i.exec(inputBasename(uri).replace(/\.gz$/i, ''))?.[1]?.toLowerCase() ?? '';

const JSON_EXTENSIONS = new Set(['json', 'jsonl', 'ndjson']);

/** The format of JSON elements told by the first one: a Label Studio task, an Argilla record, or a plain row. */
const shapeOf = (first: JsonElement | undefined): LabelsFormat => {
  if (first === undefined) return 'json';
  if (isArgillaRecord(first.value)) return 'argilla';
  if (isLabelStudioTask(first.value)) return 'label-studio';
  return first.inArray ? 'json' : 'jsonl';
};

async function* rowsOf(format: LabelsFormat, file: string, elements: AsyncIterable<JsonElement>): AsyncGenerator<LabelEvent> {
  const decode: (e: JsonElement) => LabelRow =
    format === 'label-studio' ? (e) => labelStudioRow(file, e) : format === 'argilla' ? (e) => argillaRow(file, e) : (e) => plainRow(file, e);
  for await (const element of elements) yield { kind: 'row', row: decode(element) };
}

/**
 * Opens a labels file and reads it as rows. `auto` tells the format by the extension (.csv, .tsv;
 * .json, .jsonl, .ndjson) and then by the content: a file starting with `[` or `{` is JSON, whose
 * first element says whether it is a Label Studio export, an Argilla export or plain rows; anything
 * else is CSV.
 */
export const openLabels = async (file: string, options: Pick<LabelsOptions, 'format' | 'delimiter'>, ctx: Pick<StageContext, 'recordInput' | 'signal'>): Promise<OpenedLabels> => {
  const extension = extensionOf(file);
  const peeked = await peekFirstByte(openInput(file, ctx));
  const looksJson = peeked.first === 0x5b || peeked.first === 0x7b;
  const csv = options.format === 'csv' || (options.format === 'auto' && (extension === 'csv' || extension === 'tsv' || (!JSON_EXTENSIONS.has(extension) && !looksJson)));
  if (csv) return { format: 'csv', events: readLabelsCsv(file, peeked.all, options.delimiter ?? (extension === 'tsv' ? '\t' : ',')) };
  const elements = readJsonElements(file, peeked);
  const head = await elements.next();
  const format = options.format === 'auto' ? shapeOf(head.done ? undefined : head.value) : options.format;
  const all = async function* () {
    if (head.done) return;
    yield head.value;
    yield* elements;
  };
  return { format, events: rowsOf(format, file, all()) };
};
