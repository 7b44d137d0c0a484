import { z } from 'zod';
import type { Item } from '../../pipeline/item.js';
import { defineMap, type Stage } from '../../pipeline/stage.js';
import type { ChatExample, ChatMessage } from './chat-example.js';

export interface ChatTemplate<T> {
  /** The production system prompt, the same in every example (OpenAI's advice, openai-api.md §3.1). */
  system?: string;
  user: (data: T) => string;
  assistant: (data: T) => string;
}

const fn = z.custom<(data: never) => string>((v) => typeof v === 'function', 'expected a function');
const ChatTemplateSchema = z.strictObject({ system: z.string().min(1).optional(), user: fn, assistant: fn });

const stage = defineMap(
  'format',
  ChatTemplateSchema,
  (item: Item<unknown>, ctx, template): Item<ChatExample> | undefined => {
    const messages: ChatMessage[] = [];
    if (template.system !== undefined) messages.push({ role: 'system', content: template.system });
    for (const role of ['user', 'assistant'] as const) {
      const content = (template[role] as (d: unknown) => string)(item.data);
      if (typeof content !== 'string' || content.trim() === '') {
        return ctx.drop(item, { code: 'empty_message', detail: { role } });
      }
      messages.push({ role, content });
    }
    return { ...item, data: { messages } };
  },
);

/**
 * Maps an item to a chat example: system prompt, the user turn, the assistant turn. Drop code:
 * `empty_message` when a template returns no text (detail names the role).
 */
export const toChat = <T>(template: ChatTemplate<T>): Stage<T, ChatExample> =>
  stage(template as z.input<typeof ChatTemplateSchema>) as Stage<T, ChatExample>;
