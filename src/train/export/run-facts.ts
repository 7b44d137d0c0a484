import { isPreferenceExample, type ChatMessage, type TrainingExample } from '../../stages/format/chat-example.js';
import { readExamples, type Run } from './read-run.js';
import { ExportError, type ExportKind } from './types.js';

/**
 * What the whole run holds, known before any line is converted: some trainers must pick one
 * layout for every row (a TRL dataset cannot mix `messages` and `prompt/completion` rows).
 */
export interface RunFacts {
  kind: ExportKind;
  /** Some assistant message has `weight: 0`. */
  weightZero: boolean;
  /** Some assistant message carries a `weight` at all. */
  weighted: boolean;
  /** Some example declares `tools`. */
  tools: boolean;
}

const messagesOf = (e: TrainingExample): ChatMessage[] =>
  isPreferenceExample(e) ? [...e.input.messages, ...e.preferred_output, ...e.non_preferred_output] : e.messages;

const toolsOf = (e: TrainingExample) => (isPreferenceExample(e) ? e.input.tools : e.tools);

export const collectFacts = async (run: Run): Promise<RunFacts> => {
  let kind: ExportKind | undefined;
  const facts = { weightZero: false, weighted: false, tools: false };
  for (const split of run.splits) {
    for await (const { id, example } of readExamples(split)) {
      const k: ExportKind = isPreferenceExample(example) ? 'dpo' : 'sft';
      if (kind !== undefined && k !== kind) throw new ExportError(`${run.dir}: ${id} is a ${k.toUpperCase()} example after ${kind.toUpperCase()} examples; a run holds one format`);
      kind = k;
      for (const m of messagesOf(example)) {
        if (m.role !== 'assistant' || m.weight === undefined) continue;
        facts.weighted = true;
        if (m.weight === 0) facts.weightZero = true;
      }
      if ((toolsOf(example)?.length ?? 0) > 0) facts.tools = true;
    }
  }
  if (kind === undefined) throw new ExportError(`${run.dir}: the split files hold no examples`);
  return { kind, ...facts };
};
