// __NAME__: a documentation website -> chat examples, one per section: the question from the section's
// heading by template, the answer from its text. A copy of tuneset's own docs-qa pipeline.
//   npx tuneset run __PIPELINE__ --input https://docs.example.com/
import { clean, dedupe, pipeline, scrape, sections, split, toChat, tokenCheck, validateChat, z, type PageSection } from 'tuneset';

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
  .pipe(toChat<PageSection>({ system: SYSTEM_PROMPT, user: question, assistant: (s) => s.markdown }))
  .pipe(validateChat())
  .pipe(tokenCheck())
  .pipe(({ validation, test, seed }) => split({ validation, test, seed }))
  .train({ epochs: 3 });
