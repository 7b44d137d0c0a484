import type { z } from 'zod';
import type { ChatWireMessage } from '../../chat/chat-transport.js';
import { describeZodIssue } from '../../pipeline/zod-issue-text.js';
import type { CachedReply } from './annotation-cache.js';

/** Why an answer could not be used; the code of the error entry when retries run out. */
export type AnswerProblemCode = 'invalid_json' | 'schema_mismatch' | 'refused' | 'truncated' | 'empty_answer';

export type AnswerCheck = { ok: true; value: Record<string, unknown> } | { ok: false; code: AnswerProblemCode; message: string };

/** Parses a reply's content as JSON and validates it against the stage's schema. */
export const checkReply = (reply: Pick<CachedReply, 'content' | 'refusal' | 'finishReason'>, schema: z.ZodType): AnswerCheck => {
  if (reply.refusal) return { ok: false, code: 'refused', message: `the model refused: ${reply.refusal.slice(0, 200)}` };
  const text = reply.content ?? '';
  if (text.trim() === '') return { ok: false, code: 'empty_answer', message: 'the answer was empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const cut = reply.finishReason === 'length' ? ' (the answer hit max_tokens and was cut off)' : '';
    return { ok: false, code: reply.finishReason === 'length' ? 'truncated' : 'invalid_json', message: `the answer is not valid JSON${cut}: ${(error as Error).message}` };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, code: 'schema_mismatch', message: `the answer does not match the schema: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${describeZodIssue(i, value)}`).join('; ')}` };
  return { ok: true, value: parsed.data as Record<string, unknown> };
};

/** What a retry adds to the conversation: the unusable answer and what was wrong with it. */
export const retryTurn = (reply: Pick<CachedReply, 'content'>, problem: string): ChatWireMessage[] => [
  { role: 'assistant', content: reply.content ?? '' },
  { role: 'user', content: `That answer cannot be used: ${problem}. Answer again with only a JSON object that matches the schema.` },
];

export type NextStep =
  | { done: true; check: AnswerCheck; reply: CachedReply | undefined }
  | { done: false; attempt: number; messages: ChatWireMessage[] };

/**
 * Where a request stands given the answers already bought for it: answered, out of attempts, or
 * the next attempt to send (the first messages, or them plus each unusable answer and its
 * problem). Online and batch modes both walk this, so both send the same bodies and cache the same
 * entries, and a re-run resumes a retry chain where it stopped.
 */
export const nextStep = (messages: readonly ChatWireMessage[], replies: readonly CachedReply[], schema: z.ZodType, maxAttempts: number): NextStep => {
  const conversation = [...messages];
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const reply = replies.find((r) => r.attempt === attempt);
    if (reply === undefined) return { done: false, attempt, messages: conversation };
    const check = checkReply(reply, schema);
    if (check.ok || attempt === maxAttempts - 1 || check.code === 'refused') return { done: true, check, reply };
    conversation.push(...retryTurn(reply, check.message));
  }
  throw new Error('unreachable: maxAttempts must be at least 1');
};
