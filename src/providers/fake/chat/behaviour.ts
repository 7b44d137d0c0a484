import type { ResolvedChatModel } from '../model-catalog.js';
import { hashAlphanumeric, hashSeed, hashUnit } from '../random.js';
import { freeTextReply } from './free-text.js';
import { gradeJudgeRequest } from './judge-grade.js';
import { optionLetters } from './lettered-prompt.js';
import type { JsonFormat } from './reply-faults.js';
import { fillSchema } from './schema-fill.js';

/**
 * What a model answers in the fake. Deterministic: the same model and messages give the same reply.
 * Tests replace it per model (`options.models`, `setChatBehaviour`) to script replies.
 */
export interface ChatMessage {
  role: string;
  content?: unknown;
  [key: string]: unknown;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** The whole request body as sent (response_format, temperature, tools, ...). */
  body: Record<string, unknown>;
}

export interface ChatReply {
  content: string | null;
  refusal?: string | null;
  finishReason?: 'stop' | 'length' | 'content_filter';
}

export interface ChatContext {
  model: ResolvedChatModel;
  /** Text of the last user message. */
  userText: string;
  /** The answer key's entry for the user text, if it has one: the correct letter of a lettered prompt, else a reference text. */
  answer: string | undefined;
  /** Probability a job-created model answers a keyed prompt correctly. */
  fineTunedAccuracy: number;
  now: Date;
  /** The built-in reply, for behaviours that only change some cases. */
  defaultReply(): ChatReply;
}

export type ChatBehaviour = (request: ChatRequest, ctx: ChatContext) => string | ChatReply | Promise<string | ChatReply>;

export const messageText = (content: unknown): string => {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof (p as { text?: unknown })?.text === 'string' ? (p as { text: string }).text : '')).join('\n');
  return '';
};

export const lastUserText = (messages: readonly ChatMessage[]): string => messageText(messages.filter((m) => m.role === 'user').at(-1)?.content);

/**
 * The letter a model picks for a lettered prompt. Base and chat-only models: a letter fixed by a
 * hash of the prompt (≈ chance accuracy over many prompts). Job-created models: the answer key's
 * letter with probability `fineTunedAccuracy` (drawn from a hash of model and prompt, so repeat
 * calls agree), otherwise a hashed wrong letter; without a key entry, like a base model.
 */
export const chooseLetter = (letters: readonly string[], ctx: Pick<ChatContext, 'model' | 'userText' | 'answer' | 'fineTunedAccuracy'>): string => {
  const guess = letters[hashSeed(`letter:${ctx.userText}`) % letters.length]!;
  const jobModel = ctx.model.kind === 'fine-tuned' || ctx.model.kind === 'checkpoint';
  if (!jobModel || ctx.answer === undefined || !letters.includes(ctx.answer)) return guess;
  if (hashUnit(`accuracy:${ctx.model.id}\n${ctx.userText}`) < ctx.fineTunedAccuracy) return ctx.answer;
  const wrong = letters.filter((l) => l !== ctx.answer);
  return wrong[hashSeed(`wrong:${ctx.model.id}\n${ctx.userText}`) % wrong.length] ?? guess;
};

/** The JSON schema of a `json_schema` response format (an empty one if it sent none); null otherwise. */
export const responseSchema = (body: Record<string, unknown>): Record<string, unknown> | null => {
  const format = body['response_format'] as { type?: string; json_schema?: { schema?: unknown } } | undefined;
  if (format?.type !== 'json_schema') return null;
  const schema = format.json_schema?.schema;
  return schema !== null && typeof schema === 'object' ? (schema as Record<string, unknown>) : {};
};

/** Which JSON a request asked for with `response_format`, if any. */
export const jsonFormat = (body: Record<string, unknown>): JsonFormat => {
  const type = (body['response_format'] as { type?: unknown } | undefined)?.type;
  return type === 'json_schema' || type === 'json_object' ? type : null;
};

export const defaultBehaviour = (request: ChatRequest, ctx: Omit<ChatContext, 'defaultReply'>): ChatReply => {
  const letters = optionLetters(ctx.userText);
  const letter = letters.length > 0 ? chooseLetter(letters, ctx) : undefined;
  const schema = responseSchema(request.body);
  if (schema) return { content: JSON.stringify(gradeJudgeRequest(fillSchema(schema, { letter, userText: ctx.userText }), schema, ctx.userText)) };
  const wantsJson = jsonFormat(request.body) === 'json_object';
  // A one-letter key value is a letter (answer-key.ts), never a free-text reference: a prompt whose
  // options the fake cannot see gets the fixed reply, not the key's letter from every model.
  const reference = ctx.answer !== undefined && !/^[A-J]$/.test(ctx.answer) ? ctx.answer : undefined;
  const text =
    letter ??
    (reference === undefined
      ? `Deterministic reply from the fake OpenAI server (model ${ctx.model.id}, prompt ${hashAlphanumeric(ctx.userText, 8)}).`
      : freeTextReply({ model: ctx.model, userText: ctx.userText, reference, fineTunedAccuracy: ctx.fineTunedAccuracy }));
  return { content: wantsJson ? JSON.stringify({ answer: text }) : text };
};
