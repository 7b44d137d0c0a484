import { normalizeMessage } from '../train/export/open-message.js';
import type { ChatMessage, ToolCall, ToolDefinition } from '../stages/format/chat-example.js';
import { ChatTemplateError } from './chat-template.js';
import { parsePythonJson, pythonJsonDumps } from './python-json.js';

/**
 * Mistral's chat format for the v3 instruct tokenizer, as mistral-common 1.12.0 builds it for a
 * finetuning request (protocol/instruct/normalize.py InstructRequestNormalizer, then
 * tokens/tokenizers/instruct.py InstructTokenizerV3). Mistral publishes no Jinja template as the
 * reference for these models ("For the ground truth, please refer to mistral-common"), so this is
 * that code's logic, written as the pieces of the token sequence: a special token (one token) or
 * a text, which the tekken tokenizer encodes on its own (specials inside a text are plain text).
 *
 *   <s> [INST] user [/INST] assistant </s> [INST] ... [AVAILABLE_TOOLS] tools [/AVAILABLE_TOOLS]
 *   [INST] system\n\nlast user [/INST] [TOOL_CALLS] calls </s> [TOOL_RESULTS] result [/TOOL_RESULTS] ...
 *
 * The messages are those `tuneset export` writes (developer -> system, text parts joined with
 * newlines), each with its weight.
 */
export type Piece = { special: string } | { text: string };

interface Msg {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  weight: number | undefined;
  tool_calls: ToolCall[];
  tool_call_id: string | undefined;
}

/** mistral-common's _TOOL_CALL_ID_REGEX: its validator refuses any other tool call id. */
const TOOL_CALL_ID = /^[a-zA-Z0-9]{9}$/;

/** json.loads then json.dumps when it parses, else the text as it is (normalize.py _normalize_json_content). */
const parsedOrText = (text: string): unknown => {
  const parsed = parsePythonJson(text);
  return parsed === undefined ? text : parsed;
};

/** Contents of consecutive messages of one role, empty ones skipped, joined with a blank line. */
const joined = (group: Msg[]): string =>
  group
    .map((m) => m.content)
    .filter((c) => c.length > 0)
    .join('\n\n');

export const mistralV3Pieces = (messages: readonly ChatMessage[], tools: readonly ToolDefinition[] | undefined): Piece[] => {
  const msgs: Msg[] = messages.map((m) => {
    const open = normalizeMessage(m).message;
    return { role: open.role, content: open.content, weight: m.weight, tool_calls: open.tool_calls ?? [], tool_call_id: open.tool_call_id };
  });
  const last = msgs.at(-1);
  if (!last || last.role !== 'assistant') throw new ChatTemplateError(`Expected last role Assistant for finetuning but got ${last?.role ?? 'nothing'}`);
  msgs.forEach((m, i) => {
    if (m.role === 'assistant' && (m.content.length > 0) === (m.tool_calls.length > 0)) {
      throw new ChatTemplateError('Assistant message must have either content or tool_calls, but not both.');
    }
    for (const call of m.tool_calls) {
      // "null" is allowed for the last message only; every other id must be 9 letters or digits.
      if (call.id === 'null' && i === msgs.length - 1) continue;
      if (!TOOL_CALL_ID.test(call.id)) throw new ChatTemplateError(`Tool call id was ${call.id} but must be a-z, A-Z, 0-9, with a length of 9.`);
    }
  });

  // The system messages become one system prompt; consecutive messages of one role (and weight) merge.
  const systemParts = msgs.filter((m) => m.role === 'system' && m.content.length > 0).map((m) => m.content);
  const systemPrompt = systemParts.length > 0 ? systemParts.join('\n\n') : undefined;
  const turns: Msg[] = [];
  for (let i = 0; i < msgs.length; ) {
    let j = i + 1;
    while (j < msgs.length && msgs[j]!.role === msgs[i]!.role && msgs[j]!.weight === msgs[i]!.weight) j++;
    const group = msgs.slice(i, j);
    const role = msgs[i]!.role;
    if (role === 'tool') turns.push(...group);
    else if (role !== 'system') turns.push({ ...group[0]!, content: joined(group), tool_calls: group.flatMap((m) => m.tool_calls) });
    i = j;
  }
  if (turns[0]?.role !== 'user') turns.unshift({ role: 'user', content: '', weight: undefined, tool_calls: [], tool_call_id: undefined });

  const lastUser = turns.findLastIndex((m) => m.role === 'user');
  const pieces: Piece[] = [{ special: '<s>' }];
  turns.forEach((m, i) => {
    if (m.role === 'user') {
      if (i === lastUser && tools && tools.length > 0) {
        // Tool.model_dump without `strict`: type, then function's name, description ("" when absent), parameters.
        const dumped = tools.map((t) => ({
          type: t.type,
          function: { name: t.function.name, description: t.function.description ?? '', parameters: t.function.parameters ?? {} },
        }));
        pieces.push({ special: '[AVAILABLE_TOOLS]' }, { text: pythonJsonDumps(dumped) }, { special: '[/AVAILABLE_TOOLS]' });
      }
      const text = i === lastUser && systemPrompt !== undefined ? `${systemPrompt}\n\n${m.content}` : m.content;
      pieces.push({ special: '[INST]' }, { text }, { special: '[/INST]' });
    } else if (m.role === 'assistant') {
      // Two merged messages, one with content and one with calls, are refused by the encoder.
      if (m.tool_calls.length > 0 && m.content.length > 0) {
        throw new ChatTemplateError(`Cannot have tool calls and content defined in the same assistant message`);
      }
      if (m.tool_calls.length > 0) {
        const calls = m.tool_calls.map((c) => {
          const args = c.function.arguments.length === 0 ? new Map() : parsedOrText(c.function.arguments);
          const call = new Map<string, unknown>([['name', c.function.name], ['arguments', args]]);
          // The id is written unless it is empty or "null" (the last message's placeholder).
          if (c.id && c.id !== 'null') call.set('id', c.id);
          return call;
        });
        pieces.push({ special: '[TOOL_CALLS]' }, { text: pythonJsonDumps(calls) });
      } else if (m.content.length > 0) {
        // Python's rstrip(" "): trailing spaces only.
        pieces.push({ text: m.content.replace(/ +$/, '') });
      }
      pieces.push({ special: '</s>' });
    } else {
      if (m.tool_call_id === undefined) throw new ChatTemplateError('Tool call id has to be defined.');
      const content = m.content.length === 0 ? new Map() : parsedOrText(m.content);
      const result = new Map<string, unknown>([['content', content], ['call_id', m.tool_call_id]]);
      pieces.push({ special: '[TOOL_RESULTS]' }, { text: pythonJsonDumps(result) }, { special: '[/TOOL_RESULTS]' });
    }
  });
  return pieces;
};
