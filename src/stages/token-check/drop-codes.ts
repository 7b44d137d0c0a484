import { dropReasons } from '../../pipeline/drop-codes.js';
import type { RunVerdict } from './unbroken-runs.js';

export const TOKEN_CHECK_DROP_CODES = {
  over_token_limit: "more tokens than the limit (with `overLimit: 'drop'`); detail: the tokens and the limit",
  unbroken_run_too_long: 'long unbroken runs that would stall the tokenizer (never encoded); detail: the longest run and its single-run equivalent',
  chat_template_error:
    "the target model's chat template refuses the example, as the trainer's would (Llama 3: one tool call per message); detail: the template's message",
} as const satisfies Record<RunVerdict['code'] | 'over_token_limit' | 'chat_template_error', string>;

export const tokenCheckReason = dropReasons(TOKEN_CHECK_DROP_CODES);
