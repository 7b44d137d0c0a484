import type { Json } from '../../pipeline/item.js';
import type { Logger } from '../../pipeline/logger.js';
import type { WrittenFiles } from '../../pipeline/stage.js';
import { validateTrainingFile, type FileError, type FileValidation } from './validate-file.js';

/** Errors kept in the manifest per file: enough to act on, few enough to keep it readable. */
const LISTED_ERRORS = 10;

// Train first, then the others in a fixed order, so the report reads the same on every run.
const ORDER = ['train', 'validation', 'test'];
const rank = (split: string) => (ORDER.includes(split) ? ORDER.indexOf(split) : ORDER.length);

const errorJson = ({ line, category, message, path }: FileError): Json => ({ line, category, message, ...(path === undefined ? {} : { path }) });

const section = (v: Pick<FileValidation, 'ok' | 'examples' | 'errorCount' | 'countsByCategory' | 'format' | 'errors'>): Json => ({
  ok: v.ok,
  examples: v.examples,
  errors: v.errorCount,
  countsByCategory: v.countsByCategory,
  format: v.format,
  firstErrors: v.errors.slice(0, LISTED_ERRORS).map(errorJson),
});

/** No train file was written at all (every record dropped): that is the minimum not met. */
const missingTrain = (minExamples: number): Json =>
  section({
    ok: false,
    examples: 0,
    errorCount: 1,
    countsByCategory: { invalid_n_examples: 1 },
    format: 'empty',
    errors: [{ line: null, category: 'invalid_n_examples', message: `Training file has 0 example(s), but must have at least ${minExamples} examples` }],
  });

/**
 * Validates each written split file: train needs `minExamples`, the others have no minimum but must
 * be valid, and all must share one format. Returns `{ <split>: {ok, examples, errors, ...}, format, ok }`.
 */
export const validateSplitFiles = async (files: WrittenFiles, minExamples: number, log: Logger): Promise<Json> => {
  const report: Record<string, Json> = {};
  let ok = true;
  const formats = new Set<string>();
  if (files.splits['train'] === undefined) {
    report['train'] = missingTrain(minExamples);
    ok = false;
  }
  for (const split of Object.keys(files.splits).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
    const result = await validateTrainingFile(files.splits[split]!, { minExamples: split === 'train' ? minExamples : 0, maxListedErrors: LISTED_ERRORS });
    report[split] = section(result);
    if (result.format !== 'empty') formats.add(result.format);
    if (!result.ok) {
      ok = false;
      log.warn('written file fails OpenAI format validation', { split, errors: result.errorCount, countsByCategory: result.countsByCategory });
    }
  }
  // A DPO validation file next to an SFT train file would be refused by the job, not by the upload.
  const format = formats.size === 1 ? [...formats][0]! : formats.size === 0 ? 'empty' : 'mixed';
  if (format === 'mixed') {
    ok = false;
    log.warn('written files do not share one format', { formats: [...formats] });
  }
  return { ...report, format, ok };
};
