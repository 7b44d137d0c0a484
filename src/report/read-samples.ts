import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readSplit } from '../runs/run-files.js';
import { isRecord } from '../pipeline/item.js';
import { jsonForScript } from './html.js';
import { clip } from './text-snippet.js';

/** One example in the report's sample browser: a transcript, searched and shown by the page's script. */
export interface SampleExample {
  id: string;
  split: string;
  /** Short meta values (answer letter, game type, change mark). */
  labels: Record<string, string>;
  turns: { role: string; text: string }[];
}

export interface Samples {
  examples: SampleExample[];
  /** Examples per split that the sample holds and that the split has. */
  taken: Record<string, number>;
  /** True when the size budget stopped the sample before PER_SPLIT examples of every split. */
  cutByBudget: boolean;
}

export const PER_SPLIT = 200;
/** Characters a message keeps; the rest is cut with a note. */
const TURN_CHARS = 2_000;
/** Characters of escaped JSON the whole sample takes at most (one example more): the report stays a few MB for any run. */
const SAMPLE_BUDGET = 1_500_000;

/** A message's text: a string as it is, content parts' text joined (other parts as `[type]`), anything else as JSON. */
export const messageText = (content: unknown): string => {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (isRecord(p) && typeof p['text'] === 'string' ? p['text'] : isRecord(p) ? `[${String(p['type'] ?? 'part')}]` : '')).join('\n');
  return content === undefined || content === null ? '' : JSON.stringify(content);
};

const turnsOfMessages = (messages: unknown[], prefix = ''): { role: string; text: string }[] =>
  messages.filter(isRecord).map((m) => {
    const calls = Array.isArray(m['tool_calls']) ? `\n[tool calls] ${JSON.stringify(m['tool_calls'])}` : '';
    return { role: `${prefix}${String(m['role'] ?? '?')}`, text: clip(`${messageText(m['content'])}${calls}`, TURN_CHARS) };
  });

/** The turns of a written line: chat messages, DPO's input and both outputs, or the record itself. */
const turnsOf = (line: unknown): { role: string; text: string }[] => {
  if (isRecord(line) && Array.isArray(line['messages'])) return turnsOfMessages(line['messages']);
  if (isRecord(line) && isRecord(line['input']) && Array.isArray(line['input']['messages'])) {
    const out = (key: string, label: string) => (Array.isArray(line[key]) ? turnsOfMessages(line[key] as unknown[], `${label} `) : []);
    return [...turnsOfMessages(line['input']['messages']), ...out('preferred_output', 'preferred'), ...out('non_preferred_output', 'rejected')];
  }
  return [{ role: 'record', text: clip(JSON.stringify(line), TURN_CHARS) }];
};

const labelsOf = (meta: Record<string, unknown> | undefined): Record<string, string> => {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta ?? {})) {
    if (k === 'split' || k === 'contentHash' || k === 'heading') continue;
    if ((typeof v === 'string' && v.length <= 40) || typeof v === 'number' || typeof v === 'boolean') labels[k] = String(v);
  }
  return labels;
};

/**
 * The first PER_SPLIT examples of each split file, read a line at a time with their meta lines, as
 * transcripts, until SAMPLE_BUDGET characters are taken.
 */
export const readSamples = async (runDir: string, splits: readonly string[]): Promise<Samples> => {
  const samples: Samples = { examples: [], taken: {}, cutByBudget: false };
  let budget = SAMPLE_BUDGET;
  for (const split of splits) {
    if (!existsSync(join(runDir, `${split}.jsonl`)) || !existsSync(join(runDir, 'meta.jsonl'))) continue;
    samples.taken[split] = 0;
    for await (const line of readSplit(runDir, split)) {
      if (samples.taken[split]! >= PER_SPLIT) break;
      if (budget <= 0) {
        samples.cutByBudget = true;
        break;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(line.text);
      } catch {
        parsed = line.text;
      }
      const turns = turnsOf(parsed);
      // Counted as the page will hold it: escaped JSON, where a `<` takes six characters.
      budget -= jsonForScript(turns).length;
      samples.examples.push({ id: line.meta.id, split, labels: labelsOf(line.meta.meta), turns });
      samples.taken[split]!++;
    }
  }
  return samples;
};
