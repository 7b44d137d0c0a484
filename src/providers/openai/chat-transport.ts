import OpenAI from 'openai';
import { ChatRequestError, readRateHeaders, type ChatReply, type ChatRequestBody, type ChatTransport } from '../../chat/chat-transport.js';
import { isRetryable, retryAfterMs, unreachableCause } from './errors.js';

/**
 * The one place chat completions go over the SDK, for annotation and evaluation. Annotation turns
 * the SDK's retries off (`sdkRetries: false`, the default): its limiter owns retries, so a 429
 * pauses every request to the model, not just the one that got it. Evaluation keeps them.
 */
export const sdkChatTransport = (client: OpenAI, options: { sdkRetries?: boolean } = {}): ChatTransport => ({
  async send(body: ChatRequestBody, signal?: AbortSignal): Promise<ChatReply> {
    try {
      const { data, response } = await client.chat.completions
        .create(body as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, { ...(options.sdkRetries ? {} : { maxRetries: 0 }), ...(signal ? { signal } : {}) })
        .withResponse();
      const choice = data.choices[0];
      return {
        content: choice?.message.content ?? null,
        refusal: choice?.message.refusal ?? null,
        finishReason: choice?.finish_reason ?? null,
        usage: data.usage ? { promptTokens: data.usage.prompt_tokens, completionTokens: data.usage.completion_tokens } : null,
        rate: readRateHeaders(response.headers),
      };
    } catch (error) {
      if (error instanceof OpenAI.APIConnectionError) {
        const cause = unreachableCause(error);
        throw new ChatRequestError(cause?.message ?? error.message, null, true, undefined, { cause: error });
      }
      if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
        throw new ChatRequestError(error.message, error.status, isRetryable(error), retryAfterMs(error), { cause: error });
      }
      throw error;
    }
  },
});
