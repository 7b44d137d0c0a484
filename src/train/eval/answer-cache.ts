import { appendFileSync } from 'node:fs';
import { readAppendOnlyJsonl } from '../../pipeline/append-only-jsonl.js';
import { sha256 } from '../../pipeline/hash.js';
import { isRecord } from '../../pipeline/item.js';
import type { ChatAnswer, ChatMessageIn } from './chat-model.js';

interface CachedAnswer {
  key: string;
  answer: ChatAnswer;
}

const isCachedAnswer = (v: unknown): v is CachedAnswer =>
  isRecord(v) &&
  typeof v['key'] === 'string' &&
  isRecord(v['answer']) &&
  typeof v['answer']['content'] === 'string' &&
  typeof v['answer']['promptTokens'] === 'number' &&
  typeof v['answer']['completionTokens'] === 'number';

/**
 * Answers per (model, prompt), appended as they arrive: a re-run, or a run that was interrupted,
 * asks the API only for what it does not have yet.
 */
export class AnswerCache {
  readonly #answers = new Map<string, ChatAnswer>();
  /** 1 when the last line was cut short by an interrupted run: that answer is asked again. */
  readonly tornLines: number;

  constructor(readonly path: string) {
    // Repaired, because answers are appended to this file: the next one must start a line of its own.
    const { values, tornLines } = readAppendOnlyJsonl(path, { check: isCachedAnswer, what: 'a cached answer', remedy: 'Delete it to ask for every answer again.', repair: true });
    for (const { key, answer } of values) this.#answers.set(key, answer);
    this.tornLines = tornLines;
  }

  static key(model: string, messages: readonly ChatMessageIn[]): string {
    return sha256(JSON.stringify([model, messages]));
  }

  get(key: string): ChatAnswer | undefined {
    return this.#answers.get(key);
  }

  set(key: string, answer: ChatAnswer): void {
    this.#answers.set(key, answer);
    appendFileSync(this.path, `${JSON.stringify({ key, answer })}\n`);
  }
}
