import { zodResponseFormat } from 'openai/helpers/zod';
import type { z } from 'zod';
import type { ChatRequestBody, ChatWireMessage } from '../../chat/chat-transport.js';
import { sha256, stableStringify } from '../../pipeline/hash.js';
import type { Json } from '../../pipeline/item.js';

/** Everything besides the messages that decides an answer; the same for every request of a stage. */
export interface RequestTemplate {
  family: string;
  model: string;
  responseFormat: Json;
  sampling: Record<string, Json>;
}

/** One request: its cache key and the exact body sent (online, or as a batch line's `body`). */
export interface AnnotationRequest {
  key: string;
  body: ChatRequestBody;
}

/**
 * The wire form of a zod schema as structured output (`response_format`), through the SDK's own
 * helper, so what is sent is what OpenAI documents. Throws the SDK's message for schemas strict
 * mode cannot express (an `.optional()` field without `.nullable()`).
 */
export const responseFormatFor = (schema: z.ZodType, name: string): Json =>
  JSON.parse(JSON.stringify(zodResponseFormat(schema as never, name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64)))) as Json;

export const buildRequest = (template: RequestTemplate, messages: ChatWireMessage[]): AnnotationRequest => {
  const body: ChatRequestBody = { model: template.model, messages, response_format: template.responseFormat, ...template.sampling };
  // Content-addressed: what the answer depends on, never run ids, file positions or input order.
  const key = sha256(stableStringify({ v: 1, family: template.family, body }));
  return { key, body };
};

/** A prompt function's result as messages: a string is the user message, after the stage's system prompt. */
export const toMessages = (prompt: string | readonly ChatWireMessage[], system: string | undefined): ChatWireMessage[] => {
  const rest = typeof prompt === 'string' ? [{ role: 'user' as const, content: prompt }] : [...prompt];
  return system === undefined ? rest : [{ role: 'system', content: system }, ...rest];
};
