/**
 * Token counts for `usage` and `trained_tokens`. Deliberately rough: ~4 characters per token plus
 * the chat framing of openai-api.md §3.6 (3 per message, 3 to prime the reply). No tokenizer is
 * loaded, so the fake stays dependency-free and fast; code that needs exact counts uses the
 * token-check stage, never the fake's numbers.
 */
export const roughTokens = (text: string): number => (text.length === 0 ? 0 : Math.ceil(text.length / 4));

const contentText = (content: unknown): string => {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof (p as { text?: unknown })?.text === 'string' ? (p as { text: string }).text : '')).join('');
  return content === null || content === undefined ? '' : JSON.stringify(content);
};

export const promptTokens = (messages: readonly unknown[]): number => {
  let total = 3;
  for (const m of messages) {
    const message = (m ?? {}) as Record<string, unknown>;
    total += 3 + roughTokens(contentText(message['content']));
    if (typeof message['name'] === 'string') total += 1 + roughTokens(message['name']);
  }
  return total;
};
