import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { sha256 } from '../../pipeline/hash.js';
import type { ChatAnswer, ChatMessageIn } from './chat-model.js';

/**
 * Answers per (model, prompt), appended as they arrive: a re-run, or a run that was interrupted,
 * asks the API only for what it does not have yet.
 */
export class AnswerCache {
  readonly #answers = new Map<string, ChatAnswer>();

  constructor(readonly path: string) {
    if (!existsSync(path)) return;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const { key, answer } = JSON.parse(line) as { key: string; answer: ChatAnswer };
        this.#answers.set(key, answer);
      } catch {
        // A line cut short by a killed run: that answer is simply asked again.
      }
    }
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
