import { appendFileSync } from 'node:fs';
import { readAppendOnlyJsonl } from '../../pipeline/append-only-jsonl.js';
import { sha256 } from '../../pipeline/hash.js';
import { isRecord } from '../../pipeline/item.js';
import type { ChatAnswer, ChatMessageIn } from '../../chat/chat-model.js';

/** An answer as it was bought: the reply with its usage, and what it cost then. */
export interface Purchase {
  answer: ChatAnswer;
  /** USD at the prices of the day it was bought; null without a price (or from a cache written before costs were kept). */
  costUsd: number | null;
  /** The per-1M-token prices it was bought at and their basis (`fine-tuned gpt-4o-mini-2024-07-18`). */
  prices?: { input: number | null; output: number | null; basis: string };
  /** When it was bought (ISO), by the command's clock. */
  boughtAt?: string;
}

interface CacheLine extends Purchase {
  key: string;
}

const isCacheLine = (v: unknown): v is CacheLine =>
  isRecord(v) &&
  typeof v['key'] === 'string' &&
  isRecord(v['answer']) &&
  typeof v['answer']['content'] === 'string' &&
  typeof v['answer']['promptTokens'] === 'number' &&
  typeof v['answer']['completionTokens'] === 'number' &&
  // Absent in lines written before costs were kept: those read as an unknown cost.
  (v['costUsd'] === undefined || v['costUsd'] === null || typeof v['costUsd'] === 'number');

/**
 * Answers per (model, prompt), appended as they arrive: a re-run, or a run that was interrupted,
 * asks the API only for what it does not have yet. Each line keeps what its answer cost when it
 * was bought, so a re-run that spends nothing can still say what its answers cost.
 */
export class AnswerCache {
  readonly #answers = new Map<string, Purchase>();
  /** 1 when the last line was cut short by an interrupted run: that answer is asked again. */
  readonly tornLines: number;

  constructor(readonly path: string) {
    // Repaired, because answers are appended to this file: the next one must start a line of its own.
    const { values, tornLines } = readAppendOnlyJsonl(path, { check: isCacheLine, what: 'a cached answer', remedy: 'Delete it to ask for every answer again.', repair: true });
    for (const { key, ...purchase } of values) this.#answers.set(key, { ...purchase, costUsd: purchase.costUsd ?? null });
    this.tornLines = tornLines;
  }

  /**
   * Per model (as sent), prompt and answer cap. Without a cap: the key every answer had before caps
   * differed (they were all an option letter's), so those caches still answer.
   */
  static key(model: string, messages: readonly ChatMessageIn[], maxTokens?: number): string {
    return sha256(JSON.stringify(maxTokens === undefined ? [model, messages] : [model, messages, maxTokens]));
  }

  get(key: string): Purchase | undefined {
    return this.#answers.get(key);
  }

  set(key: string, purchase: Purchase): void {
    this.#answers.set(key, purchase);
    appendFileSync(this.path, `${JSON.stringify({ key, ...purchase })}\n`);
  }
}
