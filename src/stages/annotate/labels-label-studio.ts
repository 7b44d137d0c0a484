import { SourceError } from '../../pipeline/errors.js';
import { isRecord, type Json } from '../../pipeline/item.js';
import { placeOf, type JsonElement } from './labels-json.js';
import { answers, type Answer, type LabelRow } from './labels-row.js';

// Label Studio's JSON export (https://labelstud.io/guide/task_format): an array of tasks, each with
// `data` (the task's own fields, where the key is) and `annotations[]`, each annotation a list of
// `result` regions whose `value` holds the answer under the control's type, named by `from_name`:
//   { "from_name": "sentiment", "type": "choices", "value": { "choices": ["Positive"] } }
// Exports before 1.0 called the annotations `completions`.

/** Where a region's answer is, when its `type` does not name the key (`textarea` keeps `text`). */
const VALUE_KEYS = ['choices', 'labels', 'text', 'rating', 'number', 'taxonomy', 'datetime', 'ranker'] as const;
/** Controls whose answer is a list even when one item was picked: one item is given as itself. */
const LISTS = new Set(['choices', 'labels', 'text']);

/** The answer of one result region: `"Positive"` for a single choice, `["a", "b"]` for two, `4` for a rating. */
export const regionValue = (region: Record<string, unknown>): Json | undefined => {
  const value = region['value'];
  if (!isRecord(value)) return undefined;
  const type = region['type'] === 'textarea' ? 'text' : region['type'];
  const key = typeof type === 'string' && type in value ? type : VALUE_KEYS.find((k) => k in value);
  if (key === undefined) return undefined;
  const answer = value[key] as Json;
  return Array.isArray(answer) && answer.length === 1 && LISTS.has(key) ? answer[0]! : answer;
};

/** `annotation 1001, user 10`: who gave an answer, for conflict messages. */
const annotatorOf = (annotation: Record<string, unknown>): string => {
  const user = annotation['completed_by'];
  const who = isRecord(user) ? (user['email'] ?? user['id']) : user;
  return [`annotation ${String(annotation['id'] ?? '?')}`, ...(typeof who === 'string' || typeof who === 'number' ? [`user ${who}`] : [])].join(', ');
};

/** True for an element shaped like a Label Studio task. */
export const isLabelStudioTask = (value: Record<string, unknown>): boolean =>
  Array.isArray(value['annotations']) || Array.isArray(value['completions']) || (isRecord(value['data']) && !('fields' in value));

/**
 * One task as a row: its `data` fields, then one column per control (`from_name`) holding each
 * annotator's answer. Cancelled annotations (`was_cancelled`) are skipped, and so are predictions
 * (a model's, not a person's). A control with several regions in one annotation gives their
 * answers as a list.
 */
export const labelStudioRow = (file: string, element: JsonElement): LabelRow => {
  const task = element.value;
  const at = placeOf(file, element, 'task', task['id']);
  const data = task['data'];
  if (!isRecord(data)) throw new SourceError(file, `line ${element.line}: task [${element.index}] has no "data" object, as a Label Studio JSON export has`);
  const columns = new Map<string, Answer[]>(Object.entries(data).map(([name, value]) => [name, answers(value)]));
  const annotations = task['annotations'] ?? task['completions'] ?? [];
  if (!Array.isArray(annotations)) throw new SourceError(file, `line ${element.line}: task [${element.index}]: "annotations" is not a list`);
  // A control's answers replace a data field of the same name.
  const answered = new Set<string>();
  for (const annotation of annotations) {
    if (!isRecord(annotation) || annotation['was_cancelled'] === true) continue;
    const regions = new Map<string, Json[]>();
    for (const region of Array.isArray(annotation['result']) ? annotation['result'] : []) {
      if (!isRecord(region) || typeof region['from_name'] !== 'string') continue;
      const value = regionValue(region);
      if (value !== undefined) regions.set(region['from_name'], [...(regions.get(region['from_name']) ?? []), value]);
    }
    const by = annotatorOf(annotation);
    for (const [name, values] of regions) {
      if (!answered.has(name)) columns.set(name, []);
      answered.add(name);
      columns.get(name)!.push({ value: values.length === 1 ? values[0]! : values, by });
    }
  }
  return { at, columns };
};
