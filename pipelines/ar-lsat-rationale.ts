// AR-LSAT questions -> chat examples whose answers reason step by step, then give the letter.
// A model writes each rationale (annotate); one that reaches another letter than the gold answer is
// dropped, so every example argues for the right option. Definitions only: the logic is in tuneset.
//   OPENAI_BASE_URL=... tuneset run pipelines/ar-lsat-rationale.ts --input AR_DevelopmentData.json --param maxCost=2
import {
  annotate,
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

// The production prompt of every training example: the fine-tuned model is asked exactly this, so
// it reasons before answering and ends in a line evaluation can read. True for four options and five.
export const SYSTEM_PROMPT =
  'You are an expert at analytical reasoning. You will read a passage that sets up a logic game, ' +
  'a question about it, and a list of answer options labelled with capital letters. ' +
  'Exactly one option is correct. Reason step by step, briefly, then give the letter of the correct ' +
  'option on a last line of its own: "Answer: X".';

// What the annotating model is asked: the same task, the rationale and letter as separate fields.
// It is not told the gold answer, so a rationale that reaches it is evidence, not a rationalisation.
export const ANNOTATOR_PROMPT =
  'You are an expert at analytical reasoning. You will read a passage that sets up a logic game, ' +
  'a question about it, and a list of answer options labelled with capital letters. Exactly one ' +
  'option is correct. Write a short step-by-step rationale (at most about 150 words) that applies the ' +
  "game's rules to the options and ends by naming the correct option; then give its letter.";

export const userPrompt = (q: ArLsatQuestion): string => `Passage:\n${q.passage}\n\nQuestion:\n${q.question}\n\nOptions:\n${letteredOptions(q.options)}`;

export const RationaleSchema = z.object({ rationale: z.string(), answer: z.enum(['A', 'B', 'C', 'D', 'E']) });
export type Rationale = z.output<typeof RationaleSchema>;

/** A question with the model's rationale and the letter it reached. */
export type RationaleQuestion = ArLsatQuestion & { rationale: Rationale };

/** The assistant turn: the rationale, a blank line, then `Answer: X`. */
export const assistantAnswer = (q: RationaleQuestion): string => `${q.rationale.rationale.trim()}\n\nAnswer: ${q.rationale.answer}`;

export default pipeline('ar-lsat-rationale', {
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
    nearDuplicates: z.coerce.number().min(0).max(1).default(0.95).describe('Near-duplicate threshold (as in ar-lsat); 0 turns it off.'),
    test: z.coerce.number().min(0).max(0.9).default(0).describe('Share of passages held out as a test split (test.jsonl).'),
    model: z.string().min(1).default('gpt-4o-mini').describe('The chat model that writes the rationales (OPENAI_BASE_URL and OPENAI_API_KEY say where).'),
    maxCost: z.coerce
      .number()
      .positive()
      .optional()
      .meta({ description: 'USD the rationales may cost at most: no request is sent that could pass it; the rest are dropped as over_budget.', whenAbsent: 'no limit' }),
    mode: z.enum(['online', 'batch']).default('online').describe("'online' (chat completions) or 'batch' (the Batch API: half price, answers within 24 h); the same answers and cache."),
    concurrency: z.coerce.number().int().min(1).max(256).default(8).describe('Rationale requests in flight at once (online mode).'),
  },
})
  .from(importArLsat({ path: new URL('../fixtures/ar-lsat/sample.json', import.meta.url) }))
  .pipe(clean({ fields: ['passage', 'question', 'options'] }))
  .pipe(({ decontaminate: against }) => (against ? decontaminate<ArLsatQuestion>({ against, fields: ['question', 'options'], context: ['passage'] }) : undefined))
  .pipe(dedupe({ fields: ['passage', 'question', 'options'] }))
  .pipe(({ nearDuplicates }) => (nearDuplicates ? nearDedupe<ArLsatQuestion>({ fields: ['passage', 'question', 'options'], threshold: nearDuplicates, keep: 'smallest-id' }) : undefined))
  // After dedupe, so no rationale is bought twice for one question.
  .pipe(({ model, maxCost, mode, concurrency }) =>
    annotate<ArLsatQuestion, typeof RationaleSchema, RationaleQuestion>({
      model,
      mode,
      concurrency,
      maxCost,
      // A short rationale fits easily; the budget reserves this much output per request.
      maxTokens: 512,
      system: ANNOTATOR_PROMPT,
      prompt: userPrompt,
      schema: RationaleSchema,
      into: (q, rationale) => ({ ...q, rationale }),
      keep: (r, q) => (r.answer === q.answer ? true : { code: 'rationale_disagrees', detail: { answer: r.answer, gold: q.answer } }),
    }),
  )
  .pipe(toChat<RationaleQuestion>({ system: SYSTEM_PROMPT, user: userPrompt, assistant: assistantAnswer }))
  .pipe(validateChat())
  .pipe(tokenCheck())
  .pipe(({ validation, test, seed }) => split({ validation, test, stratify: 'answer', seed }))
  .train({ epochs: 3 });
