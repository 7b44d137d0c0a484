// __NAME__: a CSV of questions and answers -> chat fine-tuning files, one example per row.
// The CSV has a header row with the columns `question` and `answer`; an optional `system` column
// gives a row its own system prompt (an empty cell keeps SYSTEM_PROMPT).
//   npx tuneset run __PIPELINE__ [--input your.csv]
import { clean, dedupe, importCsv, pipeline, split, toChat, tokenCheck, validateChat, z } from 'tuneset';

/** The system prompt of every example whose row has none: say who the assistant is and how it answers. */
export const SYSTEM_PROMPT = 'You are the support assistant of Acme Notes, a note-taking app. Answer briefly and precisely.';

/** One row: the mapped columns, as importCsv yields them. */
export type Row = {
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
  // --input replaces the default path.
  .from(importCsv({ path: new URL('../data/sample.csv', import.meta.url), fields: { question: 'question', answer: 'answer', system: { path: 'system', optional: true } } }))
  .pipe(clean<Row>({ fields: ['question', 'answer'] }))
  // Keeps the first of rows that ask and answer the same (case and spacing aside).
  .pipe(dedupe<Row>({ fields: ['question', 'answer'] }))
  .pipe(toChat<Row>({ system: (row) => row.system ?? SYSTEM_PROMPT, user: (row) => row.question, assistant: (row) => row.answer }))
  .pipe(validateChat())
  .pipe(tokenCheck())
  .pipe(({ validation, seed }) => split({ validation, seed }))
  .train({ epochs: 3 });
