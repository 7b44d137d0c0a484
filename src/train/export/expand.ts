import type { ChatMessage } from '../../stages/format/chat-example.js';
import type { ExportIssue } from './types.js';

/**
 * Where OpenAI learns from an SFT example: every assistant message not weighted 0 (openai-api.md
 * §3.1). Trainers without per-message weights get one row per such message, its prefix as context
 * and only its own tokens trained: the same tokens learned, each once, in the same context.
 */
export const trainedIndexes = (messages: readonly ChatMessage[]): number[] =>
  messages.flatMap((m, i) => (m.role === 'assistant' && m.weight !== 0 ? [i] : []));

export const NO_TRAINED_MESSAGE: ExportIssue = {
  code: 'no_trained_message',
  action: 'warn',
  message: 'every assistant message has weight 0, so the example yields no row (OpenAI learns nothing from it either)',
};
