import { isRecord } from '../../pipeline/item.js';
import { formatInt } from '../format-table.js';
import type { ClipLimits } from './clip.js';
import type { Paint } from './paint.js';
import { isChatLine, renderTranscript } from './render-example.js';
import { renderValue, type ValueLimits } from './render-value.js';
import { describeSource, inlinePairs } from './describe.js';

export interface RecordLimits {
  /** Each message of a dropped chat example. */
  transcript: ClipLimits;
  /** Each string and array of any other dropped record. */
  value: ValueLimits;
  /** The whole record, however it is drawn. */
  lines: number;
}

const PAD = '    ';

const capLines = (lines: string[], max: number, paint: Paint): string[] => {
  if (lines.length <= max) return lines;
  const hidden = lines.length - max;
  return [...lines.slice(0, max), `${PAD}${paint.dim(`… ${formatInt(hidden)} more line${hidden === 1 ? '' : 's'} of this record (--full shows all)`)}`];
};

/** detail: `key=value` pairs when it is flat and short, else indented like the record. */
const detailLines = (detail: unknown, limits: RecordLimits, paint: Paint): string[] => {
  if (detail === undefined) return [];
  const pairs = inlinePairs(detail);
  if (pairs !== undefined) return [`detail: ${pairs}`];
  return ['detail:', ...capLines(renderValue(detail, limits.value, paint, PAD), limits.lines, paint)];
};

/** The stored record: a chat example as a transcript, anything else as indented `key: value` lines. */
const recordLines = (data: unknown, limits: RecordLimits, paint: Paint): string[] => {
  if (data === undefined) return [`record: ${paint.dim('(not stored)')}`];
  if (isChatLine(data)) {
    const transcript = renderTranscript(data, { paint, clip: limits.transcript }).map((l) => `${PAD}${l}`);
    return ['record:', ...capLines(transcript, limits.lines, paint)];
  }
  const body = renderValue(data, limits.value, paint, PAD);
  // A lone scalar (a string that is the whole record) stays on the record: line.
  if (body.length === 1 && !isRecord(data) && !Array.isArray(data)) return [`record: ${body[0]!.trimStart()}`];
  return ['record:', ...capLines(body, limits.lines, paint)];
};

/** A dropped record: where it was dropped and why, where it came from, and the record itself. */
export const renderRejected = (record: Record<string, unknown>, limits: RecordLimits, paint: Paint): string[] => {
  const stage = paint.header(`── ${String(record['stage'] ?? '?')} · `);
  const lines = [`${stage}${paint.code(String(record['code'] ?? '?'))}${paint.header(` · ${String(record['id'] ?? '?')}`)}`];
  lines.push(`source: ${describeSource(record['source'])}`);
  if (record['group'] !== undefined && record['group'] !== record['id']) lines.push(`group: ${String(record['group'])}`);
  lines.push(...detailLines(record['detail'], limits, paint), ...recordLines(record['data'], limits, paint));
  return lines;
};
