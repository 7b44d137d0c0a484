import { z } from 'zod';
import { dropReasons } from '../../pipeline/drop-codes.js';
import type { Item } from '../../pipeline/item.js';
import { defineMap, type Stage, type StageContext } from '../../pipeline/stage.js';
import type { ChatExample, ChatMessage } from './chat-example.js';
import { TemplateDefect, TemplateError } from './template-failure.js';

export interface ChatTemplate<T> {
  /**
   * The production system prompt, the same in every example (OpenAI's advice, openai-api.md §3.1), or
   * a function of the item's data for datasets whose records carry their own (undefined: none).
   */
  system?: string | ((data: T) => string | undefined);
  user: (data: T) => string;
  assistant: (data: T) => string;
  /** Records whose template function threw (template_failed) that may be error entries before the run stops. @default 0 */
  maxErrors?: number;
}

const fn = z.custom<(data: never) => string>((v) => typeof v === 'function', 'expected a function').meta({ type: '(data) => string' });
export const ChatTemplateSchema = z.strictObject({
  system: z.union([z.string().min(1), fn]).optional().describe("The production system prompt, the same in every example, or a function of the item's data."),
  user: fn.describe("The user turn from the item's data."),
  assistant: fn.describe("The assistant turn from the item's data: the answer to train on."),
  maxErrors: z
    .int()
    .min(0)
    .optional()
    .meta({ description: 'Records whose template function threw (`template_failed` error entries, naming the record) before the run stops.', whenAbsent: '0' }),
});

export const FORMAT_DROP_CODES = {
  empty_message: 'a template returned no text (or not a string); detail: the role',
  too_many_options: 'a template lettered more options than letters A-J can name (`letteredOptions`); detail: the role, the number of options and the limit',
} as const;

/** Codes of the error entries: the pipeline's own template functions failing on a record. */
export const FORMAT_ERROR_CODES = {
  template_failed: 'A template function threw for this record (the detail names the record, the role and the message).',
} as const;

const reason = dropReasons(FORMAT_DROP_CODES);

/** A failed render: the record has been dropped or made an error entry already. */
const FAILED = Symbol('failed');

/**
 * Calls one template function. A helper's TemplateDefect drops the record with its code; anything
 * else it throws is an error entry naming the record, so one odd record never stops the run unless
 * the stage's maxErrors says so.
 */
const render = (role: string, f: (d: unknown) => unknown, item: Item<unknown>, ctx: StageContext): unknown => {
  try {
    return f(item.data);
  } catch (error) {
    if (error instanceof TemplateDefect) ctx.drop(item, reason(error.code, { role, ...error.detail }));
    else ctx.error(item, new TemplateError(`record ${item.id}: the ${role} template threw: ${error instanceof Error ? error.message : String(error)}`));
    return FAILED;
  }
};

const stage = defineMap(
  'format',
  ChatTemplateSchema,
  (item: Item<unknown>, ctx, template): Item<ChatExample> | undefined => {
    const messages: ChatMessage[] = [];
    const system = typeof template.system === 'function' ? render('system', template.system as (d: unknown) => unknown, item, ctx) : template.system;
    if (system === FAILED) return undefined;
    if (system !== undefined) {
      if (typeof system !== 'string' || system.trim() === '') return ctx.drop(item, reason('empty_message', { role: 'system' }));
      messages.push({ role: 'system', content: system });
    }
    for (const role of ['user', 'assistant'] as const) {
      const content = render(role, template[role] as (d: unknown) => unknown, item, ctx);
      if (content === FAILED) return undefined;
      if (typeof content !== 'string' || content.trim() === '') {
        return ctx.drop(item, reason('empty_message', { role }));
      }
      messages.push({ role, content });
    }
    return { ...item, data: { messages } };
  },
);

/**
 * Maps an item to a chat example: system prompt, the user turn, the assistant turn. Drop codes:
 * `empty_message` when a template returns no text (detail names the role; a system function may
 * return undefined for no system message), `too_many_options` when it letters more than ten. A
 * template function that throws is a `template_failed` error entry, within `maxErrors`.
 */
export const toChat = <T>(template: ChatTemplate<T>): Stage<T, ChatExample> => {
  const built = stage(template as z.input<typeof ChatTemplateSchema>) as Stage<T, ChatExample>;
  return { ...built, maxErrors: template.maxErrors ?? 0 };
};
