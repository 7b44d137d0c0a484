/** A chat completion as evaluation and annotation need it; src/providers/openai implements it over the SDK. */
export interface ChatMessageIn {
  role: string;
  content: unknown;
}

export interface ChatAnswer {
  content: string;
  promptTokens: number;
  completionTokens: number;
}

export interface ChatOptions {
  /** The most completion tokens the answer may have (sent as max_completion_tokens). */
  maxTokens?: number;
}

export interface ChatModel {
  complete(model: string, messages: readonly ChatMessageIn[], options?: ChatOptions): Promise<ChatAnswer>;
}
