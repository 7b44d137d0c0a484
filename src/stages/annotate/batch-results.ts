import type { ChatReply } from '../../chat/chat-transport.js';
import { TunesetError } from '../../pipeline/errors.js';
import { isRecord } from '../../pipeline/item.js';

/** What a batch said about one line: an answer, or why there is none and whether asking again can help. */
export type LineResult = { kind: 'reply'; reply: Omit<ChatReply, 'rate'> } | { kind: 'failed'; retryable: boolean; message: string };

/** The statuses the SDK itself retries: worth another round. */
const retryableStatus = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

const replyOf = (body: Record<string, unknown>): Omit<ChatReply, 'rate'> => {
  const choice = Array.isArray(body['choices']) && isRecord(body['choices'][0]) ? body['choices'][0] : {};
  const message = isRecord(choice['message']) ? choice['message'] : {};
  const usage = isRecord(body['usage']) ? body['usage'] : undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    content: text(message['content']),
    refusal: text(message['refusal']),
    finishReason: text(choice['finish_reason']),
    usage:
      usage && typeof usage['prompt_tokens'] === 'number' && typeof usage['completion_tokens'] === 'number'
        ? { promptTokens: usage['prompt_tokens'], completionTokens: usage['completion_tokens'] }
        : null,
  };
};

const errorText = (body: unknown): string => {
  const error = isRecord(body) && isRecord(body['error']) ? body['error'] : undefined;
  return typeof error?.['message'] === 'string' ? error['message'] : JSON.stringify(body ?? null).slice(0, 300);
};

/**
 * Reads a batch's output or error file (openai-api.md §5.3): one `{custom_id, response:
 * {status_code, body}, error}` per line, in any order. A 200 is the chat completion; another status
 * or an `error` (e.g. `batch_expired` for a line the window closed on) is a failure, retryable for
 * 429/5xx and expiry.
 */
export const readResultFile = (text: string, where: string): Map<string, LineResult> => {
  const results = new Map<string, LineResult>();
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new TunesetError(`${where}: line ${i + 1} is not JSON`);
    }
    if (!isRecord(value) || typeof value['custom_id'] !== 'string') throw new TunesetError(`${where}: line ${i + 1} has no custom_id`);
    const id = value['custom_id'];
    const response = isRecord(value['response']) ? value['response'] : undefined;
    const error = isRecord(value['error']) ? value['error'] : undefined;
    if (error) {
      const code = typeof error['code'] === 'string' ? error['code'] : 'error';
      results.set(id, { kind: 'failed', retryable: code === 'batch_expired', message: `${where}: ${code}: ${typeof error['message'] === 'string' ? error['message'] : ''}` });
      continue;
    }
    const status = typeof response?.['status_code'] === 'number' ? response['status_code'] : 0;
    if (status === 200 && isRecord(response?.['body'])) results.set(id, { kind: 'reply', reply: replyOf(response['body']) });
    else results.set(id, { kind: 'failed', retryable: status === 0 || retryableStatus(status), message: `${where}: ${status} ${errorText(response?.['body'])}` });
  }
  return results;
};
