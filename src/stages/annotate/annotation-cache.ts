import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatUsage } from '../../chat/chat-transport.js';
import { readAppendOnlyJsonl } from '../../pipeline/append-only-jsonl.js';
import { isRecord } from '../../pipeline/item.js';

/** One answer as it was bought: attempt 0 is the request itself, later attempts its retries. */
export interface CachedReply {
  attempt: number;
  content: string | null;
  refusal: string | null;
  finishReason: string | null;
  usage: ChatUsage | null;
  /** USD at the stage's prices when bought; null without a price. */
  costUsd: number | null;
  via: 'online' | 'batch';
  at: string;
}

type SentLine = { key: string; sent: number; at: string };
type ReplyLine = { key: string; reply: CachedReply };

const isSent = (v: Record<string, unknown>): boolean => typeof v['sent'] === 'number' && typeof v['at'] === 'string';
const isReply = (v: Record<string, unknown>): boolean => isRecord(v['reply']) && typeof v['reply']['attempt'] === 'number';
const isLine = (v: unknown): v is SentLine | ReplyLine => isRecord(v) && typeof v['key'] === 'string' && (isSent(v) || isReply(v));

/**
 * Every request and answer of every annotate stage sharing this cache directory, one JSONL file
 * appended a whole line at a time. Chosen over SQLite because Node 20 has no built-in SQLite and a
 * native module would need a compiler on every machine; an append-only file has one failure mode
 * under `kill -9` (a torn last line, skipped and cut off on the next open) and costs one write per
 * request and answer. A request is written before it is sent and its answer the moment it
 * arrives, so a re-run after a crash asks again only for what was in flight.
 */
export class AnnotationCache {
  readonly path: string;
  readonly #replies = new Map<string, CachedReply[]>();
  readonly #sent = new Set<string>();
  readonly tornLines: number;
  /** What this process bought (answers recorded since it opened the cache): the run's actual usage and cost. */
  readonly bought = { replies: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
  #fd: number | undefined;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, 'answers.jsonl');
    const { values, tornLines } = readAppendOnlyJsonl(this.path, {
      check: isLine,
      what: 'an annotation request or answer',
      remedy: 'Delete it to ask for every annotation again (and pay for them again).',
      repair: true,
    });
    this.tornLines = tornLines;
    for (const line of values) {
      if ('reply' in line) this.#remember(line.key, line.reply);
      else this.#sent.add(`${line.key}#${line.sent}`);
    }
  }

  /** The answers bought for a request, by attempt. */
  replies(key: string): readonly CachedReply[] {
    return this.#replies.get(key) ?? [];
  }

  /** Requests written as sent whose answer never arrived (in flight when a run was killed). */
  unanswered(): number {
    let n = 0;
    for (const id of this.#sent) {
      const [key, attempt] = id.split('#') as [string, string];
      if (!this.replies(key).some((r) => r.attempt === Number(attempt))) n++;
    }
    return n;
  }

  markSent(key: string, attempt: number, at: Date): void {
    this.#sent.add(`${key}#${attempt}`);
    this.#append({ key, sent: attempt, at: at.toISOString() });
  }

  record(key: string, reply: CachedReply): void {
    this.#remember(key, reply);
    this.bought.replies++;
    this.bought.promptTokens += reply.usage?.promptTokens ?? 0;
    this.bought.completionTokens += reply.usage?.completionTokens ?? 0;
    this.bought.costUsd += reply.costUsd ?? 0;
    this.#append({ key, reply });
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }

  #remember(key: string, reply: CachedReply): void {
    const list = this.#replies.get(key) ?? [];
    if (list.some((r) => r.attempt === reply.attempt)) return;
    list.push(reply);
    list.sort((a, b) => a.attempt - b.attempt);
    this.#replies.set(key, list);
  }

  // One write per line on an O_APPEND descriptor: lines from two processes sharing the directory
  // never interleave, and a line is on disk (in the page cache) before the request goes out.
  #append(line: SentLine | ReplyLine): void {
    this.#fd ??= openSync(this.path, 'a');
    writeSync(this.#fd, `${JSON.stringify(line)}\n`);
  }
}
