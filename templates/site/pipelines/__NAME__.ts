// __NAME__: a documentation website -> chat examples, one per section: the question from the section's
// heading by template, the answer from its text; or, with --param generate=llm, a question and
// answer a model writes from the section, kept only when a judge finds the answer supported by it.
// A copy of tuneset's own docs-qa pipeline.
//   npx tuneset run __PIPELINE__ --input https://docs.example.com/
import { annotate, clean, dedupe, judge, pipeline, scrape, sections, split, toChat, tokenCheck, validateChat, z, type PageSection } from 'tuneset';

export const SYSTEM_PROMPT =
  'You answer questions about a software project using its documentation. ' +
  'Answer accurately and concisely in markdown, with code blocks where the documentation has them.';

/** The page's own topic: its title without the site name ("Configuration · Pelican docs" -> "Configuration"). */
const topic = (title: string): string => title.split(/\s+[·|–—-]\s+/)[0]!.trim();

/**
 * The question a section answers, by template: a heading that is a question is asked as it is,
 * with the page's topic for context; any other heading is asked about.
 */
export const question = (s: PageSection): string => {
  const about = topic(s.pageTitle);
  const context = about && about !== s.heading ? `${about}: ` : '';
  if (s.heading.endsWith('?')) return `${context}${s.heading}`;
  return context ? `${context}what does the documentation say about "${s.heading}"?` : `What does the documentation say about "${s.heading}"?`;
};

// generate=llm: one question-answer pair per section, written by a model from the section alone.
export const GENERATOR_PROMPT =
  'You write training data for an assistant that answers questions about a software project. ' +
  'From the documentation section you are given, write one question a reader of this documentation ' +
  'would ask that the section answers, and the answer to it. The answer must use only what the ' +
  'section says: no facts from elsewhere. Write the answer in markdown, with code blocks where the section has them.';

export const QaSchema = z.object({ question: z.string(), answer: z.string() });
export type GeneratedSection = PageSection & { generated?: z.output<typeof QaSchema> };

/** What the generator and the judge read: where the section is, then its text. */
export const sectionText = (s: PageSection): string => `Page: ${s.pageTitle}\nSection: ${[...s.path, s.heading].join(' > ')}\n\n${s.markdown}`;

export const JUDGE_RUBRIC =
  'The example was written from the documentation section shown with it. 5: every statement in the answer is ' +
  'stated in or follows directly from the section, and the question is one a reader would ask; 3: mostly ' +
  'supported, with a claim the section does not make; 1: the answer is unsupported by the section or contradicts it.';

export default pipeline('__NAME__', {
  model: 'gpt-4o-mini-2024-07-18',
  params: {
    validation: z.coerce.number().min(0).max(0.9).default(0.2).describe("Share of sections held out for validation (a page's sections stay together)."),
    seed: z.coerce.number().int().min(0).default(7).describe('Changes which pages go where, nothing else.'),
    maxPages: z.coerce.number().int().positive().default(500).describe('Pages to crawl at most.'),
    rps: z.coerce.number().positive().default(2).describe('Request starts per second per host (polite default; a local site may take more).'),
    concurrency: z.coerce.number().int().min(1).max(64).default(4).describe('Pages fetched at once.'),
    render: z
      .enum(['static', 'browser', 'auto'])
      .default('auto')
      .describe("'static', 'browser' (chromium renders every page) or 'auto' (only pages that need it)."),
    test: z.coerce.number().min(0).max(0.9).default(0).describe('Share of sections held out as a test split (test.jsonl: never uploaded for training; `tuneset eval --split test`).'),
    generate: z
      .enum(['template', 'llm'])
      .default('template')
      .describe("'template' (the question from the heading, the answer the section's text) or 'llm' (a model writes a question and answer from each section; a judge drops answers the section does not support)."),
    model: z.string().min(1).default('gpt-4o-mini').describe('generate=llm: the chat model that writes and judges the pairs (OPENAI_BASE_URL and OPENAI_API_KEY say where).'),
    maxCost: z.coerce
      .number()
      .positive()
      .optional()
      .meta({ description: 'generate=llm: USD for the whole run, half for writing the pairs and half for judging them; what does not fit is dropped as over_budget.', whenAbsent: 'no limit' }),
    mode: z.enum(['online', 'batch']).default('online').describe("generate=llm: 'online' (chat completions) or 'batch' (the Batch API: half price, answers within 24 h)."),
    judgeMin: z.coerce.number().int().min(1).max(5).default(4).describe('generate=llm: the lowest judge score (1-5) a pair keeps.'),
  },
})
  .from(({ maxPages, rps, render, concurrency }) =>
    scrape({
      maxPages,
      concurrency,
      requestsPerSecond: rps,
      render,
      sitemaps: true,
      // Site owners read this in their logs: say who crawls and where to reach you.
      userAgent: '__NAME__-bot/0.1 (+https://example.com/bot)',
    }),
  )
  .pipe(sections({ maxLevel: 3, minChars: 80 }))
  .pipe(clean({ fields: ['heading', 'text', 'markdown'] }))
  // The same section on two pages (a shared "Support" block) is one example.
  .pipe(dedupe({ fields: ['text'] }))
  // Each LLM stage gets half of maxCost, so the two together stay under it.
  .pipe(({ generate, model, maxCost, mode }) =>
    generate === 'llm'
      ? annotate<PageSection, typeof QaSchema>({
          model,
          mode,
          maxCost: maxCost === undefined ? undefined : maxCost / 2,
          maxTokens: 512,
          system: GENERATOR_PROMPT,
          prompt: sectionText,
          schema: QaSchema,
          into: (s, generated): GeneratedSection => ({ ...s, generated }),
        })
      : undefined,
  )
  .pipe(({ generate, model, maxCost, mode, judgeMin }) =>
    generate === 'llm'
      ? judge<GeneratedSection>({
          model,
          mode,
          maxCost: maxCost === undefined ? undefined : maxCost / 2,
          maxTokens: 256,
          rubric: JUDGE_RUBRIC,
          min: judgeMin,
          prompt: (s) => `${sectionText(s)}\n\n---\nQuestion: ${s.generated?.question ?? ''}\n\nAnswer:\n${s.generated?.answer ?? ''}`,
        })
      : undefined,
  )
  .pipe(
    toChat<GeneratedSection>({
      system: SYSTEM_PROMPT,
      user: (s) => s.generated?.question ?? question(s),
      assistant: (s) => s.generated?.answer ?? s.markdown,
    }),
  )
  .pipe(validateChat())
  .pipe(tokenCheck())
  // Pages come and go between re-collections: stable places each page by its own hash, so the
  // change of one page never moves another between train and validation.
  .pipe(({ validation, test, seed }) => split({ validation, test, seed, stable: true }))
  .train({ epochs: 3 });
