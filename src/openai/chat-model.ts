import type OpenAI from 'openai';
import type { ChatAnswer, ChatMessageIn, ChatModel } from '../train/eval/chat-model.js';

/** Evaluation's chat calls over the SDK (its retries handle 429/5xx and dropped connections). */
export const sdkChatModel = (client: OpenAI, maxTokens = 16): ChatModel => ({
  async complete(model: string, messages: readonly ChatMessageIn[]): Promise<ChatAnswer> {
    const res = await client.chat.completions.create({
      model,
      messages: messages as OpenAI.Chat.ChatCompletionMessageParam[],
      temperature: 0,
      max_completion_tokens: maxTokens,
    });
    return {
      content: res.choices[0]?.message.content ?? '',
      promptTokens: res.usage?.prompt_tokens ?? 0,
      completionTokens: res.usage?.completion_tokens ?? 0,
    };
  },
});
