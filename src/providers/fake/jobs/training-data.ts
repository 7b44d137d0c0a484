import type { JobError, MethodType } from './job-record.js';
import { roughTokens } from '../chat/usage.js';

/**
 * The checks OpenAI runs while a job is `validating_files`, kept to the errors the protocol
 * reference names (openai-api.md §2.3, §7.7): too few examples, unreadable lines, missing
 * `messages`, no assistant message. The full format rules live in our own validate stage; the fake
 * only needs to fail the way the service does so the hand-off's error path can be rehearsed.
 */
export const MIN_EXAMPLES = 10;

export interface DataCheck {
  examples: number;
  /** Rough token count of the file (see chat/usage.ts): the basis of `trained_tokens`. */
  tokens: number;
  error: JobError | null;
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

export const checkTrainingData = (
  content: Buffer,
  method: MethodType,
  which: 'training_file' | 'validation_file',
): DataCheck => {
  const label = which === 'training_file' ? 'training' : 'validation';
  const fail = (detail: string): DataCheck => ({
    examples: 0,
    tokens: 0,
    error: {
      code: `invalid_${label}_file`,
      param: which,
      message: `The job failed due to an invalid ${label} file. ${detail}`,
    },
  });
  const lines = content.toString('utf8').split(/\r?\n/);
  // A file ending in a newline has one empty last element: not an example.
  if (lines.at(-1) === '') lines.pop();
  let tokens = 0;
  for (const [i, line] of lines.entries()) {
    const n = i + 1;
    let example: unknown;
    try {
      example = JSON.parse(line);
    } catch {
      return fail(`Invalid file format. Line ${n} is not valid JSON.`);
    }
    if (example === null || typeof example !== 'object' || Array.isArray(example)) return fail(`Invalid file format. Line ${n} is not a JSON object.`);
    const problem = method === 'dpo' ? dpoProblem(example as Record<string, unknown>) : sftProblem(example as Record<string, unknown>);
    if (problem) return fail(`Invalid file format. Example ${n}: ${problem}`);
    tokens += roughTokens(line);
  }
  if (which === 'training_file' && lines.length < MIN_EXAMPLES) {
    return {
      examples: lines.length,
      tokens,
      error: {
        code: 'invalid_n_examples',
        param: 'training_file',
        message: `Training file has ${lines.length} example(s), but must have at least ${MIN_EXAMPLES} examples`,
      },
    };
  }
  return { examples: lines.length, tokens, error: null };
};

const messagesProblem = (messages: unknown, where: string, needAssistant: boolean): string | null => {
  if (!Array.isArray(messages) || messages.length === 0) return `missing '${where}' list.`;
  for (const [j, m] of messages.entries()) {
    if (m === null || typeof m !== 'object' || typeof (m as { role?: unknown }).role !== 'string') return `message ${j + 1} has no role.`;
    if (!ROLES.has((m as { role: string }).role)) return `message ${j + 1} has an unrecognized role '${(m as { role: string }).role}'.`;
  }
  if (needAssistant && !messages.some((m) => (m as { role: string }).role === 'assistant')) return 'no assistant message found.';
  return null;
};

const sftProblem = (example: Record<string, unknown>): string | null => messagesProblem(example['messages'], 'messages', true);

const dpoProblem = (example: Record<string, unknown>): string | null => {
  const input = example['input'];
  if (input === null || typeof input !== 'object') return "missing 'input'.";
  const inner = messagesProblem((input as Record<string, unknown>)['messages'], 'input.messages', false);
  if (inner) return inner;
  for (const key of ['preferred_output', 'non_preferred_output']) {
    const out = example[key];
    if (!Array.isArray(out) || out.length !== 1 || (out[0] as { role?: unknown } | null)?.role !== 'assistant') {
      return `'${key}' must hold exactly one assistant message.`;
    }
  }
  return null;
};
