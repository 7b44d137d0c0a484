import { readFileSync } from 'node:fs';
import { Template } from '@huggingface/jinja';

/**
 * A Jinja chat template as transformers renders it: @huggingface/jinja is Hugging Face's own
 * JavaScript implementation (tojson, strftime_now and raise_exception as transformers defines them).
 * Templates are parsed once per process.
 */
const parsed = new Map<string, Template>();

const templateFromFile = (file: string): string => readFileSync(new URL(`./templates/${file}`, import.meta.url), 'utf8');

/** `file` is a template in ./templates; `packageTemplate` the tokenizer_config's own when file is null. */
export const chatTemplate = (file: string | null, packageTemplate: unknown, packageName: string): Template => {
  const key = file ?? `package:${packageName}`;
  let template = parsed.get(key);
  if (!template) {
    const source = file === null ? packageTemplate : templateFromFile(file);
    if (typeof source !== 'string') throw new Error(`${packageName}: tokenizer_config.json has no chat_template string`);
    parsed.set(key, (template = new Template(source)));
  }
  return template;
};

export interface TemplateInput {
  messages: readonly Record<string, unknown>[];
  tools?: readonly unknown[] | undefined;
}

/**
 * The text a trainer tokenizes for a whole training example: add_generation_prompt false (the
 * example ends with the answer), `tools` only when the example has some (templates test
 * `if tools`), and the special tokens the template may print from the tokenizer's config.
 */
export const renderExample = (template: Template, input: TemplateInput, config: Record<string, unknown>): string => {
  try {
    return template.render({
      messages: input.messages,
      ...(input.tools && input.tools.length > 0 ? { tools: input.tools } : {}),
      add_generation_prompt: false,
      bos_token: tokenText(config['bos_token']),
      eos_token: tokenText(config['eos_token']),
    });
  } catch (error) {
    throw new ChatTemplateError(error instanceof Error ? error.message : String(error));
  }
};

/**
 * The chat template refused an example (its own raise_exception, such as Llama 3's "This model only
 * supports single tool-calls at once!", or a message shape it cannot print). The trainer's
 * apply_chat_template would refuse it the same way, so it is one example's problem, not the run's.
 */
export class ChatTemplateError extends Error {
  override name = 'ChatTemplateError';
}

/** tokenizer_config writes a special token as a string or as an AddedToken object `{content: ...}`; null is none. */
const tokenText = (token: unknown): string => {
  if (typeof token === 'string') return token;
  if (token !== null && typeof token === 'object' && typeof (token as { content?: unknown }).content === 'string') return (token as { content: string }).content;
  return '';
};
