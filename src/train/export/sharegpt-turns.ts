import type { OpenMessage } from './open-message.js';
import type { ExportIssue } from './types.js';

/**
 * LLaMA-Factory's sharegpt turns with the OpenAI-style tags we declare in dataset_info.json
 * (LLaMA-Factory data/README.md, "OpenAI Format" and the `tags` of a dataset description).
 * Its converter (src/llamafactory/data/converter.py, SharegptDatasetConverter) takes the system
 * prompt from the first message only and needs user/observation turns at even positions and
 * assistant/function_call turns at odd ones; anything else is skipped at load time as "abnormal",
 * so we refuse it here instead of letting examples vanish.
 */
export type TurnRole = 'system' | 'user' | 'assistant' | 'function_call' | 'observation';
export interface Turn {
  role: TurnRole;
  content: string;
}

export const SHAREGPT_ISSUES = {
  systemAfterStart: {
    code: 'system_after_start',
    action: 'refuse',
    message: 'a system or developer message after the first message: LLaMA-Factory takes the system prompt from the first message only',
  },
  parallelResults: {
    code: 'parallel_tool_results',
    action: 'refuse',
    message: 'several tool results in a row (parallel tool calls): the sharegpt format has one observation turn between function calls and replies',
  },
  notAlternating: {
    code: 'turns_not_alternating',
    action: 'refuse',
    message: 'turns that do not alternate user/tool and assistant: the sharegpt converter skips such examples',
  },
  textWithCalls: {
    code: 'text_with_tool_calls',
    action: 'refuse',
    message: "an assistant message with both text and tool_calls: LLaMA-Factory's function_call turn holds the calls only",
  },
  badArguments: {
    code: 'tool_arguments_not_json',
    action: 'refuse',
    message: 'tool-call arguments that are not JSON: LLaMA-Factory reads them as a JSON object',
  },
  nameDropped: {
    code: 'message_name_dropped',
    action: 'warn',
    message: 'message "name" fields are not part of the sharegpt format and were dropped',
  },
} as const satisfies Record<string, ExportIssue>;

const isInput = (r: TurnRole) => r === 'user' || r === 'observation';
const isOutput = (r: TurnRole) => r === 'assistant' || r === 'function_call';

/** An assistant's tool calls as LLaMA-Factory's FunctionFormatter reads them: {name, arguments} or a list of them. */
const functionCall = (m: OpenMessage, issues: ExportIssue[]): string => {
  const calls = (m.tool_calls ?? []).map((c) => {
    try {
      return { name: c.function.name, arguments: JSON.parse(c.function.arguments) as unknown };
    } catch {
      issues.push(SHAREGPT_ISSUES.badArguments);
      return { name: c.function.name, arguments: c.function.arguments };
    }
  });
  return JSON.stringify(calls.length === 1 ? calls[0] : calls);
};

/**
 * An assistant message as the turn LLaMA-Factory reads: its tool calls as a function_call turn,
 * else its text. Also the chosen/rejected turn of a preference row, where the converter takes an
 * assistant or a function_call tag (src/llamafactory/data/converter.py, pairwise example).
 */
export const outputTurn = (m: OpenMessage, issues: ExportIssue[]): Turn => {
  if ((m.tool_calls?.length ?? 0) > 0) {
    if (m.content !== '') issues.push(SHAREGPT_ISSUES.textWithCalls);
    return { role: 'function_call', content: functionCall(m, issues) };
  }
  return { role: 'assistant', content: m.content };
};

/** One turn per message (so message index = turn index), with the issues that break the format. */
export const toTurns = (messages: readonly OpenMessage[]): { turns: Turn[]; issues: ExportIssue[] } => {
  const issues: ExportIssue[] = [];
  const turns = messages.map((m, i): Turn => {
    if (m.name !== undefined) issues.push(SHAREGPT_ISSUES.nameDropped);
    if (m.role === 'system') {
      if (i !== 0) issues.push(SHAREGPT_ISSUES.systemAfterStart);
      return { role: 'system', content: m.content };
    }
    if (m.role === 'tool') {
      if (messages[i - 1]?.role === 'tool') issues.push(SHAREGPT_ISSUES.parallelResults);
      return { role: 'observation', content: m.content };
    }
    if (m.role === 'assistant') return outputTurn(m, issues);
    return { role: m.role, content: m.content };
  });
  const body = turns[0]?.role === 'system' ? turns.slice(1) : turns;
  const alternates = body.every((t, i) => t.role === 'system' || (i % 2 === 0 ? isInput(t.role) : isOutput(t.role)));
  // A misplaced system turn is reported as itself, not again as broken alternation.
  if (!alternates && !issues.includes(SHAREGPT_ISSUES.systemAfterStart) && !issues.includes(SHAREGPT_ISSUES.parallelResults)) {
    issues.push(SHAREGPT_ISSUES.notAlternating);
  }
  return { turns, issues };
};

export const isOutputTurn = (t: Turn): boolean => isOutput(t.role);
