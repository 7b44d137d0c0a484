import { z } from 'zod';
import { dropReasons } from '../../pipeline/drop-codes.js';
import type { Json } from '../../pipeline/item.js';
import { defineStage, type Stage, type StageContext, type WrittenFiles } from '../../pipeline/stage.js';
import type { ChatExample } from '../format/chat-example.js';
import type { FormatIssue } from './categories.js';
import { CATEGORY_MEANINGS } from './category-meanings.js';
import { checkExample, exampleFormat, type ExampleFormat } from './check-example.js';
import { validateSplitFiles } from './split-report.js';

export const ValidateChatOptions = z.strictObject({
  minExamples: z.number().int().min(0).default(10).describe('Fewest examples the written train file must hold; OpenAI rejects fewer than 10.'),
});

/** Every format category but the file-level `invalid_n_examples`, which gates training instead of dropping. */
const { invalid_n_examples: _fileOnly, ...RECORD_CATEGORIES } = CATEGORY_MEANINGS;
export const VALIDATE_CHAT_DROP_CODES = RECORD_CATEGORIES;

const reason = dropReasons(VALIDATE_CHAT_DROP_CODES);

export type ValidateChatOptions = z.input<typeof ValidateChatOptions>;

const toJson = ({ category, message, path }: FormatIssue): Json => (path === undefined ? { category, message } : { category, message, path });

const stage = defineStage('validate-chat', ValidateChatOptions, (options) => ({
  async *run(input, ctx: StageContext) {
    // The first valid example fixes the run's format: OpenAI takes SFT or DPO files, never both.
    let format: ExampleFormat | undefined;
    for await (const item of input) {
      const issues = checkExample(item.data);
      const first = issues[0];
      if (first) {
        ctx.drop(item, { code: first.category, detail: issues.map(toJson) });
        continue;
      }
      const own = exampleFormat(item.data);
      format ??= own;
      if (own !== format) {
        ctx.drop(item, reason('mixed_formats', [{ category: 'mixed_formats', message: `a ${String(own)} example in a run of ${format} examples` }]));
        continue;
      }
      yield item;
    }
  },
  afterWrite: (files: WrittenFiles, ctx: StageContext): Promise<Json> => validateSplitFiles(files, options.minExamples, ctx.log),
}));

/**
 * Keeps examples OpenAI would accept as training lines (rules: categories.ts). Drops the others with
 * their first issue's category as the code (any category but `invalid_n_examples`) and every issue
 * as detail, and drops `mixed_formats` when an example's format (SFT or DPO) differs from the first
 * valid one's. After the run it re-validates the written split files; that report gates training.
 * `T` is only the type passed on: records are checked as whatever they hold.
 */
export const validateChat = <T = ChatExample>(options?: ValidateChatOptions): Stage<T, T> =>
  stage(options) as unknown as Stage<T, T>;
