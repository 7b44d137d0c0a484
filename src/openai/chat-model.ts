import type OpenAI from 'openai';
import { unreachableCause } from './errors.js';
import type { ChatAnswer, ChatMessageIn, ChatModel } from '../chat/chat-model.js';

/** Evaluation's chat calls over the SDK (its retries handle 429/5xx and dropped connections). */
export const sdkChatModel = (client: OpenAI, maxTokens = 16): ChatModel => ({
  async complete(model: string, messages: readonly ChatMessageIn[]): Promise<ChatAnswer> {
    let res: OpenAI.Chat.ChatCompletion;
    try {
      res = await client.chat.completions.create({
        model,
        messages: messages as OpenAI.Chat.ChatCompletionMessageParam[],
        temperature: 0,
        max_completion_tokens: maxTokens,
      });
    } catch (error) {
      // Evaluation reports an example's error by its message: where the API could not be reached, not "Connection error.".
      throw unreachableCause(error) ?? error;
    }
    return {
      content: res.choices[0]?.message.content ?? '',
      promptTokens: res.usage?.prompt_tokens ?? 0,
      completionTokens: res.usage?.completion_tokens ?? 0,
    };
  },
});
