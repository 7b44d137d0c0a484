import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAppendOnlyJsonl } from '../../pipeline/append-only-jsonl.js';
import { TunesetError } from '../../pipeline/errors.js';
import { isRecord } from '../../pipeline/item.js';
import type { ChatMessageIn } from '../../chat/chat-model.js';
import type { EvalExample as SuiteExample } from './eval-types.js';

const isMetaLine = (v: unknown): v is { id: string; split: string } => isRecord(v) && typeof v['id'] === 'string' && typeof v['split'] === 'string';

/**
 * The ids of a split's lines: the runner writes meta.jsonl in step with the split files, so the
 * n-th meta line of a split names its n-th line. When the counts disagree (meta.jsonl missing, or
 * its torn last line skipped) the ids cannot be trusted, and every line is named by file:line.
 */
const splitIds = (runDir: string, split: string, lines: number): string[] => {
  const { values } = readAppendOnlyJsonl(join(runDir, 'meta.jsonl'), { check: isMetaLine, what: 'a meta line with an id and a split' });
  const ids = values.filter((m) => m.split === split).map((m) => m.id);
  return ids.length === lines ? ids : Array.from({ length: lines }, (_, i) => `${split}.jsonl:${i + 1}`);
};

/** A split's held-out examples: every message up to the last assistant turn is the prompt; that turn is the reference. */
export const readSplitExamples = (runDir: string, split: string): SuiteExample[] => {
  const path = join(runDir, `${split}.jsonl`);
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const ids = splitIds(runDir, split, lines.length);
  return lines.flatMap((text, i) => {
    if (!text.trim()) return [];
    let messages: ChatMessageIn[] | undefined;
    try {
      messages = (JSON.parse(text) as { messages?: ChatMessageIn[] }).messages;
    } catch (error) {
      throw new TunesetError(`${path}:${i + 1}: not valid JSON (${(error as Error).message})`);
    }
    // A DPO line has no messages of its own to answer: nothing to score.
    if (!Array.isArray(messages)) return [];
    const last = messages.findLastIndex((m) => m.role === 'assistant');
    if (last < 0 || typeof messages[last]!.content !== 'string') return [];
    return [{ id: ids[i]!, line: i + 1, prompt: messages.slice(0, last), references: [messages[last]!.content as string] }];
  });
};
