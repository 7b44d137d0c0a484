import { isRecord } from '../../pipeline/item.js';
import { clipText, type ClipLimits } from './clip.js';
import type { Paint } from './paint.js';
import { renderValue } from './render-value.js';

export interface TranscriptOptions {
  paint: Paint;
  clip: ClipLimits;
}

const BODY = '    ';
// A data: URL is the whole image in base64: its first characters say what it is, the rest is noise.
const DATA_URL_SHOWN = 40;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const textLines = (text: string, o: TranscriptOptions): string[] => {
  // Blank text would draw as nothing at all; quoted, a reader sees it is there and empty.
  if (text.trim() === '') return [`${BODY}${o.paint.dim(JSON.stringify(text))}`];
  const { lines, note } = clipText(text, o.clip);
  return [...lines.map((l) => `${BODY}${l}`.trimEnd()), ...(note ? [`${BODY}${o.paint.dim(note)}`] : [])];
};

const imageLine = (part: Record<string, unknown>, o: TranscriptOptions): string => {
  const image = isRecord(part['image_url']) ? part['image_url'] : {};
  const url = str(image['url']) ?? '?';
  const shown = url.startsWith('data:') && url.length > DATA_URL_SHOWN ? `${url.slice(0, DATA_URL_SHOWN)}… (${url.length} characters)` : url;
  const detail = str(image['detail']);
  return `${BODY}${o.paint.dim(`[image: ${shown}${detail ? `, detail ${detail}` : ''}]`)}`;
};

const contentLines = (content: unknown, o: TranscriptOptions): string[] => {
  if (typeof content === 'string') return textLines(content, o);
  if (!Array.isArray(content)) return [];
  return content.flatMap((part) => {
    if (!isRecord(part)) return textLines(JSON.stringify(part), o);
    if (part['type'] === 'text') return textLines(str(part['text']) ?? '', o);
    if (part['type'] === 'image_url') return [imageLine(part, o)];
    return [`${BODY}${o.paint.dim(`[${String(part['type'])}: ${JSON.stringify(part)}]`)}`];
  });
};

const callLine = (call: unknown, o: TranscriptOptions): string => {
  const c = isRecord(call) ? call : {};
  const fn = isRecord(c['function']) ? c['function'] : c;
  const args = clipText(str(fn['arguments']) ?? '', { lines: Infinity, chars: o.clip.chars });
  const id = str(c['id']);
  return `${BODY}→ ${str(fn['name']) ?? '?'}(${args.lines.join(`\n${BODY}  `)}${args.note ? ` ${o.paint.dim(args.note)}` : ''})${id ? ` ${o.paint.dim(`[${id}]`)}` : ''}`;
};

/** One message: "role (notes):" then its content, tool calls and refusal, indented. */
export const renderMessage = (message: unknown, o: TranscriptOptions, extra: string[] = []): string[] => {
  if (!isRecord(message)) return [o.paint.bad('(not a message)'), ...renderValue(message, { ...o.clip, items: Infinity }, o.paint, BODY)];
  const role = str(message['role']) ?? '?';
  const notes = [...extra];
  if (str(message['name'])) notes.unshift(str(message['name'])!);
  if (str(message['tool_call_id'])) notes.unshift(str(message['tool_call_id'])!);
  if (message['weight'] === 0) notes.push(o.paint.dim('weight 0, not trained'));
  else if (message['weight'] !== undefined && message['weight'] !== 1) notes.push(o.paint.bad(`weight ${JSON.stringify(message['weight'])}`));
  const lines = [`${o.paint.role(role, role)}${notes.length ? ` (${notes.join(', ')})` : ''}:`, ...contentLines(message['content'], o)];
  const calls = Array.isArray(message['tool_calls']) ? message['tool_calls'] : [];
  for (const call of calls) lines.push(callLine(call, o));
  if (isRecord(message['function_call'])) lines.push(callLine(message['function_call'], o));
  const refusal = str(message['refusal']);
  if (refusal) lines.push(`${BODY}${o.paint.bad('refusal:')}`, ...textLines(refusal, o));
  if (lines.length === 1) lines.push(`${BODY}${o.paint.dim('(no content)')}`);
  return lines;
};

const names = (defs: unknown): string =>
  (Array.isArray(defs) ? defs : [])
    .map((d) => (isRecord(d) ? (str(isRecord(d['function']) ? d['function']['name'] : d['name']) ?? '?') : '?'))
    .join(', ');

/** What the model is offered besides the messages: tools and the parallel-calls flag. */
const settingsLines = (chat: Record<string, unknown>, o: TranscriptOptions): string[] => {
  const lines: string[] = [];
  if (Array.isArray(chat['tools']) && chat['tools'].length > 0) lines.push(o.paint.dim(`tools: ${names(chat['tools'])}`));
  if (Array.isArray(chat['functions']) && chat['functions'].length > 0) lines.push(o.paint.dim(`functions: ${names(chat['functions'])}`));
  if (typeof chat['parallel_tool_calls'] === 'boolean') lines.push(o.paint.dim(`parallel_tool_calls: ${chat['parallel_tool_calls']}`));
  return lines;
};

const messagesOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A chat line has `messages`; a preference line has `input.messages`. */
export const isChatLine = (v: unknown): v is Record<string, unknown> =>
  isRecord(v) && (Array.isArray(v['messages']) || (isRecord(v['input']) && Array.isArray(v['input']['messages'])));

/**
 * A training line as a transcript: a chat example's messages in order, or a preference example's
 * input followed by its preferred and non-preferred answers. Anything else is shown as data.
 */
export const renderTranscript = (example: unknown, o: TranscriptOptions): string[] => {
  if (!isChatLine(example)) return [o.paint.bad('(not a chat or preference example)'), ...renderValue(example, { ...o.clip, items: Infinity }, o.paint)];
  if (Array.isArray(example['messages'])) return [...settingsLines(example, o), ...example['messages'].flatMap((m) => renderMessage(m, o))];
  const input = example['input'] as Record<string, unknown>;
  return [
    ...settingsLines(input, o),
    ...messagesOf(input['messages']).flatMap((m) => renderMessage(m, o)),
    ...messagesOf(example['preferred_output']).flatMap((m) => renderMessage(m, o, [o.paint.good('preferred')])),
    ...messagesOf(example['non_preferred_output']).flatMap((m) => renderMessage(m, o, [o.paint.bad('non-preferred')])),
  ];
};

/** Every text a reader could search for: contents, tool call names and arguments, refusals. */
export const transcriptTexts = (example: unknown): string[] => {
  const out: string[] = [];
  const walk = (v: unknown, key: string | undefined): void => {
    if (typeof v === 'string') {
      if (key !== 'role' && key !== 'type' && key !== 'id' && key !== 'tool_call_id') out.push(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (isRecord(v)) for (const [k, x] of Object.entries(v)) if (k !== 'tools' && k !== 'functions' && k !== 'image_url') walk(x, k);
  };
  walk(example, undefined);
  return out;
};
