// __NAME__: AR-LSAT-style logic games (a passage, then multiple-choice questions about it) -> chat
// fine-tuning files, one example per question. A copy of tuneset's own AR-LSAT pipeline.
//   npx tuneset run __PIPELINE__ [--input AR_TrainingData.json]
import {
  annotateWith,
  arLsatGameType,
  clean,
  decontaminate,
  dedupe,
  importArLsat,
  letteredOptions,
  nearDedupe,
  pipeline,
  split,
  toChat,
  tokenCheck,
  validateChat,
  z,
  type ArLsatQuestion,
} from 'tuneset';

// One production prompt for every example. It must stay true for four options (A-D) and five (A-E).
export const SYSTEM_PROMPT =
  'You are an expert at analytical reasoning. You will read a passage that sets up a logic game, ' +
  'a question about it, and a list of answer options labelled with capital letters. ' +
  'Exactly one option is correct. Reply with the letter of the correct option only.';

export default pipeline('__NAME__', {
  model: 'gpt-4o-mini-2024-07-18',
  params: {
    validation: z.coerce.number().min(0).max(0.9).default(0.15).describe('Share of passages held out for validation.'),
    seed: z.coerce.number().int().min(0).default(7).describe('Changes which passages go where, nothing else.'),
    decontaminate: z
      .string()
      .min(1)
      .transform((v) => v.split(',').map((f) => f.trim()))
      .optional()
      .meta({ description: 'Evaluation files whose questions must stay out of training (comma-separated paths or URLs).', whenAbsent: 'no decontamination' }),
    nearDuplicates: z.coerce
      .number()
      .min(0)
      .max(1)
      .default(0.95)
      .describe(
        'Near-duplicate threshold (Jaccard of word 5-gram shingles over passage, question and options); 0 turns it off. ' +
          '0.95 finds the questions reused across exam ids with small edits; at 0.8 the sibling questions of ' +
          'one long passage (same passage, different short question) would count as duplicates.',
      ),
    test: z.coerce.number().min(0).max(0.9).default(0).describe('Share of passages held out as a test split (test.jsonl: never uploaded for training; `tuneset eval --split test`).'),
  },
})
  .from(importArLsat({ path: new URL('../data/sample.json', import.meta.url) }))
  .pipe(clean({ fields: ['passage', 'question', 'options'] }))
  // Before dedupe, so every contaminated copy is reported as contaminated. The passage is context:
  // shared by a passage's questions, it cannot by itself say which question was copied.
  .pipe(({ decontaminate: against }) => (against ? decontaminate<ArLsatQuestion>({ against, fields: ['question', 'options'], context: ['passage'] }) : undefined))
  .pipe(dedupe({ fields: ['passage', 'question', 'options'] }))
  // Near-copies differ, so which one survives must not depend on input order: the smallest id does.
  .pipe(({ nearDuplicates }) => (nearDuplicates ? nearDedupe<ArLsatQuestion>({ fields: ['passage', 'question', 'options'], threshold: nearDuplicates, keep: 'smallest-id' }) : undefined))
  // The game type (ordering, grouping, assignment, hybrid, unknown) from the passage's keywords:
  // meta.gameType in meta.jsonl, for reading results by kind of game; never uploaded.
  .pipe(annotateWith<ArLsatQuestion>({ name: 'game-type', label: (q) => ({ gameType: arLsatGameType(q.passage) }) }))
  .pipe(
    toChat<ArLsatQuestion>({
      system: SYSTEM_PROMPT,
      user: (q) => `Passage:\n${q.passage}\n\nQuestion:\n${q.question}\n\nOptions:\n${letteredOptions(q.options)}`,
      assistant: (q) => q.answer,
    }),
  )
  .pipe(validateChat())
  .pipe(tokenCheck())
  .pipe(({ validation, test, seed }) => split({ validation, test, stratify: 'answer', seed }))
  .train({ epochs: 3 });
