import type { ResolvedChatModel } from '../model-catalog.js';
import { hashUnit } from '../random.js';

/**
 * Replies to a free-text prompt the answer key holds a reference for (a docs-qa question, a
 * rationale), so generation metrics (ROUGE, BLEU, a judge) separate a fine-tuned model from its
 * base the way letters do for AR-LSAT. Like the letters, a rehearsal device: the reference comes
 * from a key someone gave the fake, never from uploaded files.
 *
 * Job-created models: the reference itself with probability `fineTunedAccuracy`, otherwise the
 * reference with a hashed share (20-50%) of its words dropped. Other models: an extractive guess,
 * the reference's first sentence with about 70% of its words dropped, so their overlap with the
 * reference is low but not zero. Every draw hashes model, prompt and word position: the same request
 * gets the same reply.
 */
export interface FreeTextContext {
  model: ResolvedChatModel;
  userText: string;
  /** The reference the answer key holds for the prompt. */
  reference: string;
  fineTunedAccuracy: number;
}

/** Keeps each word whose hashed draw is at least `dropShare`; at least the first word stays. */
const dropWords = (words: readonly string[], dropShare: number, key: string): string[] => {
  const kept = words.filter((_, i) => hashUnit(`${key}\n${i}`) >= dropShare);
  return kept.length > 0 ? kept : words.slice(0, 1);
};

const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');

/** The text up to its first sentence end (`.`, `!`, `?` before white space), or all of it. */
const firstSentence = (text: string): string => text.trim().split(/(?<=[.!?])\s+/)[0] ?? '';

export const freeTextReply = (ctx: FreeTextContext): string => {
  const draw = `${ctx.model.id}\n${ctx.userText}`;
  const jobModel = ctx.model.kind === 'fine-tuned' || ctx.model.kind === 'checkpoint';
  if (jobModel) {
    if (hashUnit(`accuracy:${draw}`) < ctx.fineTunedAccuracy) return ctx.reference;
    const share = 0.2 + 0.3 * hashUnit(`share:${draw}`);
    return dropWords(words(ctx.reference), share, `drop:${draw}`).join(' ');
  }
  return dropWords(words(firstSentence(ctx.reference)), 0.7, `extract:${draw}`).join(' ');
};
