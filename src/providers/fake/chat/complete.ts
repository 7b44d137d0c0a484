import { badRequest } from '../api-error.js';
import { catalogContext, type FakeCore } from '../core.js';
import { resolveChatModel } from '../model-catalog.js';
import { lookupAnswer } from './answer-key.js';
import { defaultBehaviour, jsonFormat, lastUserText, responseSchema, type ChatContext, type ChatMessage, type ChatReply, type ChatRequest } from './behaviour.js';
import { spoilReply } from './reply-faults.js';
import { promptTokens, roughTokens } from './usage.js';

/**
 * One chat completion (openai-api.md §5.1, §5.2), non-streaming: validates the request like the
 * API, runs the model's behaviour, and shapes the `chat.completion` object. Shared by the
 * chat route and by batches, which run the same requests line by line.
 */
const maxTokens = (body: Record<string, unknown>): number | null => {
  const v = body['max_completion_tokens'] ?? body['max_tokens'];
  return typeof v === 'number' && v > 0 ? v : null;
};

/** Cuts a reply to the token budget (~4 chars a token) and says so, as the API does with `length`. */
const applyBudget = (reply: ChatReply, budget: number | null): ChatReply => {
  if (budget === null || reply.content === null || roughTokens(reply.content) <= budget) return reply;
  return { ...reply, content: reply.content.slice(0, budget * 4), finishReason: 'length' };
};

/** A reply fault armed for this model (faults.invalidJson / schemaMismatch) spoils the JSON it answered. */
const spoil = (core: FakeCore, models: string[], body: Record<string, unknown>, reply: ChatReply): ChatReply => {
  if (reply.content === null) return reply;
  const kind = core.faults.replyFault(models, jsonFormat(body));
  return kind === null ? reply : { ...reply, content: spoilReply(kind, reply.content, responseSchema(body)) };
};

export const createChatCompletion = async (core: FakeCore, body: Record<string, unknown>, deployment: string | null = null) => {
  const name = deployment ?? body['model'];
  if (typeof name !== 'string' || name === '') throw badRequest('you must provide a model parameter');
  const messages = body['messages'];
  if (!Array.isArray(messages)) throw badRequest("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (messages.length === 0) throw badRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
  if (messages.some((m) => m === null || typeof m !== 'object' || typeof (m as { role?: unknown }).role !== 'string')) {
    throw badRequest("Invalid 'messages': every message needs a string 'role'.", 'messages', 'invalid_value');
  }
  if (body['stream'] === true) throw badRequest('Streaming is not supported by the fake OpenAI server; send stream: false.', 'stream', 'unsupported_value');
  const n = body['n'] ?? 1;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 128) throw badRequest("Invalid 'n': expected an integer from 1 to 128.", 'n', 'invalid_value');

  const model = resolveChatModel(name, catalogContext(core));
  const request: ChatRequest = { model: name, messages: messages as ChatMessage[], body };
  const userText = lastUserText(request.messages);
  const base: Omit<ChatContext, 'defaultReply'> = {
    model,
    userText,
    answer: lookupAnswer(core.answerKey, userText),
    fineTunedAccuracy: core.config.fineTunedAccuracy,
    now: core.clock.now(),
  };
  const context: ChatContext = { ...base, defaultReply: () => defaultBehaviour(request, base) };
  const behaviour = core.behaviours.get(model.id);
  const raw = behaviour ? await behaviour(request, context) : context.defaultReply();
  const reply = applyBudget(spoil(core, [name, model.id], body, typeof raw === 'string' ? { content: raw } : raw), maxTokens(body));

  const prompt = promptTokens(request.messages);
  const completion = roughTokens(reply.content ?? reply.refusal ?? '');
  return {
    id: core.ids.chat(),
    object: 'chat.completion',
    created: core.clock.nowSeconds(),
    // The API answers with the resolved snapshot for an alias.
    model: model.kind === 'base' ? model.info.name : model.id,
    choices: Array.from({ length: n }, (_, index) => ({
      index,
      message: { role: 'assistant', content: reply.content, refusal: reply.refusal ?? null, annotations: [] },
      logprobs: null,
      finish_reason: reply.finishReason ?? 'stop',
    })),
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completion * n,
      total_tokens: prompt + completion * n,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_fake0000',
  };
};
