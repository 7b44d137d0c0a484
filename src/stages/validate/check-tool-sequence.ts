import { issue, type FormatIssue } from './categories.js';
import { isObject, quoteList } from './shape.js';

interface OpenCalls {
  at: string;
  ids: string[];
  answered: Set<string>;
  /** A tool message with no usable id answers we cannot tell which call: do not pile on. */
  unverifiable?: boolean;
}

const callIds = (msg: Record<string, unknown>): string[] =>
  Array.isArray(msg['tool_calls']) ? msg['tool_calls'].flatMap((c) => (isObject(c) && typeof c['id'] === 'string' ? [c['id']] : [])) : [];

const unanswered = (open: OpenCalls): string[] => open.ids.filter((id) => !open.answered.has(id));

/**
 * Tool messages must answer the assistant message with tool_calls right before them, each call
 * once, and every call must be answered before the conversation goes on. This is the rule Chat
 * Completions enforces on requests (HTTP 400), and a training line is such a request, so it is an
 * error here, not a warning. An example may end on the assistant's calls, unanswered: that is the
 * usual way to teach a model when to call a tool.
 */
export const checkToolSequence = (messages: readonly unknown[], prefix: string): FormatIssue[] => {
  const issues: FormatIssue[] = [];
  let open: OpenCalls | undefined;
  const close = (before: string) => {
    if (!open || open.unverifiable) return;
    const missing = unanswered(open);
    if (missing.length > 0) issues.push(issue('invalid_tool_call', `tool call(s) ${quoteList(missing)} have no tool message before ${before}`, open.at));
  };
  for (const [i, msg] of messages.entries()) {
    if (!isObject(msg)) continue;
    const at = `${prefix}[${i}]`;
    if (msg['role'] === 'tool') {
      const id = msg['tool_call_id'];
      if (typeof id !== 'string') {
        if (open) open.unverifiable = true; // the id itself is reported by the message rules
        continue;
      }
      if (!open) issues.push(issue('invalid_tool_call', 'tool message does not follow an assistant message with tool_calls', at));
      else if (!open.ids.includes(id)) issues.push(issue('invalid_tool_call', `tool_call_id "${id}" matches no tool call of ${open.at}`, `${at}.tool_call_id`));
      else if (open.answered.has(id)) issues.push(issue('invalid_tool_call', `tool call "${id}" is answered twice`, `${at}.tool_call_id`));
      else open.answered.add(id);
      continue;
    }
    close(at);
    const ids = msg['role'] === 'assistant' ? callIds(msg) : [];
    open = ids.length > 0 ? { at, ids, answered: new Set() } : undefined;
  }
  // Ending on the calls is fine; ending halfway through their answers is not.
  if (open && open.answered.size > 0) close('the end of the example');
  return issues;
};
