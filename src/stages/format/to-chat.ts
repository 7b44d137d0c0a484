import { z } from 'zod';
import { dropReasons } from '../../pipeline/drop-codes.js';
import type { Item } from '../../pipeline/item.js';
import { defineMap, type Stage } from '../../pipeline/stage.js';
import type { ChatExample, ChatMessage } from './chat-example.js';

export interface ChatTemplate<T> {
  /**
   * The production system prompt, the same in every example (OpenAI's advice, openai-api.md §3.1), or
   * a function of the item's data for datasets whose records carry their own (undefined: none).
   */
  system?: string | ((data: T) => string | undefined);
  user: (data: T) => string;
  assistant: (data: T) => string;
}

const fn = z.custom<(data: never) => string>((v) => typeof v === 'function', 'expected a function').meta({ type: '(data) => string' });
export const ChatTemplateSchema = z.strictObject({
  system: z.union([z.string().min(1), fn]).optional().describe("The production system prompt, the same in every example, or a function of the item's data."),
  user: fn.describe("The user turn from the item's data."),
  assistant: fn.describe("The assistant turn from the item's data: the answer to train on."),
});

export const FORMAT_DROP_CODES = {
  empty_message: 'a template returned no text (or not a string); detail: the role',
} as const;

const reason = dropReasons(FORMAT_DROP_CODES);

const stage = defineMap(
  'format',
  ChatTemplateSchema,
  (item: Item<unknown>, ctx, template): Item<ChatExample> | undefined => {
    const messages: ChatMessage[] = [];
    const system = typeof template.system === 'function' ? (template.system as (d: unknown) => string | undefined)(item.data) : template.system;
    if (system !== undefined) {
      if (typeof system !== 'string' || system.trim() === '') return ctx.drop(item, reason('empty_message', { role: 'system' }));
      messages.push({ role: 'system', content: system });
    }
    for (const role of ['user', 'assistant'] as const) {
      const content = (template[role] as (d: unknown) => string)(item.data);
      if (typeof content !== 'string' || content.trim() === '') {
        return ctx.drop(item, reason('empty_message', { role }));
      }
      messages.push({ role, content });
    }
    return { ...item, data: { messages } };
  },
);

/**
 * Maps an item to a chat example: system prompt, the user turn, the assistant turn. Drop code:
 * `empty_message` when a template returns no text (detail names the role; a system function may
 * return undefined for no system message).
 */
export const toChat = <T>(template: ChatTemplate<T>): Stage<T, ChatExample> =>
  stage(template as z.input<typeof ChatTemplateSchema>) as Stage<T, ChatExample>;
