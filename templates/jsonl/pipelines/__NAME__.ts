// __NAME__: JSON lines of questions and answers -> chat fine-tuning files, one example per line.
// Each line is an object with the fields `question` and `answer`; an optional `system` field gives
// that line its own system prompt.
//   npx tuneset run __PIPELINE__ [--input your.jsonl]
import { clean, dedupe, importJsonl, pipeline, split, toChat, tokenCheck, validateChat, z } from 'tuneset';

/** The system prompt of every example whose line has none: say who the assistant is and how it answers. */
export const SYSTEM_PROMPT = 'You are the support assistant of Acme Notes, a note-taking app. Answer briefly and precisely.';

/** One line: the mapped fields, as importJsonl yields them. */
export type Line = {
  question: string;
  answer: string;
  system?: string;
};

export default pipeline('__NAME__', {
  // The model the dataset is for: token limits and prices come from tuneset's model table.
  model: 'gpt-4o-mini-2024-07-18',
  params: {
    /** Share of the examples held out for validation (--param validation=0.1). */
    validation: z.coerce.number().min(0).max(0.9).default(0.2),
    /** Changes which examples go where, nothing else. */
    seed: z.coerce.number().int().min(0).default(7),
  },
})
  // --input replaces the default path. Field paths may be dotted (`input.question`).
  .from(importJsonl({ path: new URL('../data/sample.jsonl', import.meta.url), fields: { question: 'question', answer: 'answer', system: { path: 'system', optional: true } } }))
  // A question or answer that is not text (a number, null) is dropped here as missing_content.
  .pipe(clean<Line>({ fields: ['question', 'answer'] }))
  // Keeps the first of lines that ask and answer the same (case and spacing aside).
  .pipe(dedupe<Line>({ fields: ['question', 'answer'] }))
  .pipe(toChat<Line>({ system: (line) => line.system ?? SYSTEM_PROMPT, user: (line) => line.question, assistant: (line) => line.answer }))
  .pipe(validateChat())
  .pipe(tokenCheck())
  .pipe(({ validation, seed }) => split({ validation, seed }))
  .train({ epochs: 3 });
