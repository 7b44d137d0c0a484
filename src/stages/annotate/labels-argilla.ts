import { isRecord } from '../../pipeline/item.js';
import { placeOf, type JsonElement } from './labels-json.js';
import { answers, type Answer, type LabelRow } from './labels-row.js';

// Argilla's exports, read from the SDKs' own writers:
// - v2 `dataset.records.to_json()` / `to_list(flatten=False)` (argilla/records/_resource.py `to_dict`):
//     { id, fields: {...}, metadata: {...}, responses: { q: [{ value, user_id, status? }] },
//       suggestions: { q: { value, score, agent } }, vectors, status, _server_id }
// - v2 flattened (`to_list(flatten=True)`, `to_datasets()` and the Hub; records/_io/_generic.py):
//     fields and metadata at the top, `q.responses` (values), `q.responses.users`, `q.responses.status`,
//     `q.suggestion`, `q.suggestion.score`, `q.suggestion.agent`
// - v1 FeedbackDataset on the Hub (client/feedback/integrations/huggingface/dataset.py):
//     fields at the top, `q: [{ user_id, value, status }]`, `q-suggestion`, `q-suggestion-metadata`,
//     `external_id`, `metadata` as a JSON string
// - v1 FeedbackRecord as a dict: { fields, metadata, external_id,
//     responses: [{ user_id, values: { q: { value } }, status }], suggestions: [{ question_name, value }] }

/** Only a submitted response is a label: a draft is unfinished and a discarded one was refused. */
const submitted = (status: unknown): boolean => status === undefined || status === null || status === 'submitted';

const userOf = (id: unknown): string | undefined => (typeof id === 'string' || typeof id === 'number' ? `user ${id}` : undefined);

/** Record-level keys that are neither a field, metadata nor a question. */
const RECORD_KEYS = new Set(['id', 'external_id', 'fields', 'metadata', 'responses', 'suggestions', 'vectors', 'status', '_server_id', 'inserted_at', 'updated_at']);

const isResponseList = (value: unknown): value is Record<string, unknown>[] =>
  Array.isArray(value) && value.every((r) => isRecord(r) && 'value' in r && ('user_id' in r || 'status' in r));

/** True for an element shaped like an Argilla record, in any of the export shapes above. */
export const isArgillaRecord = (value: Record<string, unknown>): boolean =>
  isRecord(value['fields']) || 'responses' in value || 'external_id' in value || Object.keys(value).some((k) => k.endsWith('.responses'));

/** v1 on the Hub writes metadata as a JSON string. */
const metadataOf = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
};

/**
 * One record as a row. Columns: `id` (v2's record id is the one given when logging it; v1's is
 * `external_id`), every field and metadata property, one column per question holding each
 * annotator's submitted response, and `<question>.suggestion` for a suggestion (a model's
 * pre-annotation, taken only when asked for by that name).
 */
export const argillaRow = (file: string, element: JsonElement): LabelRow => {
  const record = element.value;
  const id = record['id'] ?? record['external_id'];
  const columns = new Map<string, Answer[]>();
  const add = (name: string, list: Answer[]) => columns.set(name, [...(columns.get(name) ?? []), ...list]);
  add('id', answers(id));
  if ('external_id' in record) columns.set('external_id', answers(record['external_id']));
  for (const group of [record['fields'], metadataOf(record['metadata'])]) {
    if (isRecord(group)) for (const [name, value] of Object.entries(group)) columns.set(name, answers(value));
  }
  const responses = record['responses'];
  if (isRecord(responses)) {
    for (const [question, list] of Object.entries(responses)) {
      if (isResponseList(list)) columns.set(question, list.flatMap((r) => (submitted(r['status']) ? answers(r['value'], userOf(r['user_id'])) : [])));
    }
  } else if (Array.isArray(responses)) {
    for (const response of responses) {
      if (!isRecord(response) || !submitted(response['status']) || !isRecord(response['values'])) continue;
      for (const [question, answer] of Object.entries(response['values'])) add(question, answers(isRecord(answer) ? answer['value'] : undefined, userOf(response['user_id'])));
    }
  }
  const suggestions = record['suggestions'];
  if (isRecord(suggestions)) {
    for (const [question, s] of Object.entries(suggestions)) columns.set(`${question}.suggestion`, answers(isRecord(s) ? s['value'] : undefined));
  } else if (Array.isArray(suggestions)) {
    for (const s of suggestions) if (isRecord(s) && typeof s['question_name'] === 'string') columns.set(`${s['question_name']}.suggestion`, answers(s['value']));
  }
  for (const [name, value] of Object.entries(record)) {
    if (RECORD_KEYS.has(name) || /\.responses\.(users|status)$|\.suggestion\.(score|agent)$|-suggestion-metadata$/.test(name)) continue;
    if (name.endsWith('.responses') && Array.isArray(value)) {
      const users = record[`${name}.users`];
      const status = record[`${name}.status`];
      columns.set(
        name.slice(0, -'.responses'.length),
        value.flatMap((v, i) => (submitted(Array.isArray(status) ? status[i] : undefined) ? answers(v, userOf(Array.isArray(users) ? users[i] : undefined)) : [])),
      );
    } else if (name.endsWith('-suggestion')) columns.set(`${name.slice(0, -'-suggestion'.length)}.suggestion`, answers(value));
    else if (isResponseList(value)) columns.set(name, value.flatMap((r) => (submitted(r['status']) ? answers(r['value'], userOf(r['user_id'])) : [])));
    else columns.set(name, answers(value));
  }
  return { at: placeOf(file, element, 'record', id), columns };
};
