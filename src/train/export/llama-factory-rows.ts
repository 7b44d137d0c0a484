import { isPreferenceExample, type ChatExample, type PreferenceExample, type ToolDefinition } from '../../stages/format/chat-example.js';
import { NO_TRAINED_MESSAGE, trainedIndexes } from './expand.js';
import { normalizeMessages, PARALLEL_FLAG } from './open-message.js';
import { isOutputTurn, outputTurn, toTurns } from './sharegpt-turns.js';
import type { Converted } from './trainer.js';
import type { ExportIssue } from './types.js';

export const TRAILING_DROPPED: ExportIssue = {
  code: 'trailing_messages_dropped',
  action: 'warn',
  message: 'messages after the last assistant message were dropped: they teach nothing, and a sharegpt example must end with the assistant',
};

/**
 * `tools` is a JSON string, as LLaMA-Factory's ToolFormatter json.loads it (src/llamafactory/data/formatter.py);
 * it accepts OpenAI's {"type": "function", "function": {...}} entries (tool_utils.py). When the run
 * has tools, rows without any get "" so the column holds strings only.
 */
const toolsColumn = (tools: ToolDefinition[] | undefined, hasToolsColumn: boolean): Record<string, string> =>
  hasToolsColumn ? { tools: tools && tools.length > 0 ? JSON.stringify(tools) : '' } : {};

const flag = (e: ChatExample): ExportIssue[] => (e.parallel_tool_calls === undefined ? [] : [PARALLEL_FLAG]);

/** All assistant turns are trained by default (LLaMA-Factory trains every turn unless mask_history). */
const sft = (e: ChatExample, hasTools: boolean): Converted => {
  const open = normalizeMessages(e.messages);
  const { turns, issues } = toTurns(open.messages);
  let last = turns.length - 1;
  while (last >= 0 && !isOutputTurn(turns[last]!)) last--;
  if (last < turns.length - 1) issues.push(TRAILING_DROPPED);
  return { rows: [{ messages: turns.slice(0, last + 1), ...toolsColumn(e.tools, hasTools) }], issues: [...open.issues, ...issues, ...flag(e)] };
};

/**
 * With weight 0 somewhere in the run: one row per trained assistant message, cut after it, and
 * `mask_history: true` in the config, which trains the last turn only (LLaMA-Factory DataArguments).
 */
const sftExpanded = (e: ChatExample, hasTools: boolean): Converted => {
  const open = normalizeMessages(e.messages);
  const { turns, issues } = toTurns(open.messages);
  const trained = trainedIndexes(e.messages);
  if (trained.length === 0) issues.push(NO_TRAINED_MESSAGE);
  const rows = trained.map((i) => ({ messages: turns.slice(0, i + 1), ...toolsColumn(e.tools, hasTools) }));
  return { rows, issues: [...open.issues, ...issues, ...flag(e)] };
};

/** Sharegpt preference rows: the conversation so far, then one chosen and one rejected assistant turn (data/README.md). */
const dpo = (e: PreferenceExample, hasTools: boolean): Converted => {
  const input = normalizeMessages(e.input.messages);
  const { turns, issues } = toTurns(input.messages);
  const chosen = normalizeMessages(e.preferred_output);
  const rejected = normalizeMessages(e.non_preferred_output);
  // A tool-calling answer stays a function_call turn (an assistant turn of its empty text would lose the call).
  const answers: ExportIssue[] = [];
  const [chosenTurn, rejectedTurn] = [outputTurn(chosen.messages[0]!, answers), outputTurn(rejected.messages[0]!, answers)];
  return {
    rows: [{ messages: turns, chosen: chosenTurn, rejected: rejectedTurn, ...toolsColumn(e.input.tools, hasTools) }],
    issues: [...input.issues, ...issues, ...chosen.issues, ...rejected.issues, ...answers, ...flag(e.input)],
  };
};

export const llamaFactoryRows =
  (expand: boolean, hasTools: boolean) =>
  (e: ChatExample | PreferenceExample): Converted =>
    isPreferenceExample(e) ? dpo(e, hasTools) : expand ? sftExpanded(e, hasTools) : sft(e, hasTools);
