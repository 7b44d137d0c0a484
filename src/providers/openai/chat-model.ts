import type OpenAI from 'openai';
import type { ChatAnswer, ChatMessageIn, ChatModel, ChatOptions } from '../../chat/chat-model.js';
import type { ChatWireMessage } from '../../chat/chat-transport.js';
import { sdkChatTransport } from './chat-transport.js';

/**
 * Evaluation's chat calls, through the same transport as annotation but with the SDK's retries
 * (429/5xx and dropped connections). A failure reads as where the API could not be reached or the
 * API's own message, which evaluation reports per example. `maxTokens` caps an answer unless the
 * call gives its own cap.
 */
export const sdkChatModel = (client: OpenAI, maxTokens = 16): ChatModel => {
  const transport = sdkChatTransport(client, { sdkRetries: true });
  return {
    async complete(model: string, messages: readonly ChatMessageIn[], options: ChatOptions = {}): Promise<ChatAnswer> {
      const reply = await transport.send({ model, messages: messages as ChatWireMessage[], temperature: 0, max_completion_tokens: options.maxTokens ?? maxTokens });
      return { content: reply.content ?? '', promptTokens: reply.usage?.promptTokens ?? 0, completionTokens: reply.usage?.completionTokens ?? 0 };
    },
  };
};
