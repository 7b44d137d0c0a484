import { z } from 'zod';
import { dropReasons } from '../../pipeline/drop-codes.js';
import type { Item } from '../../pipeline/item.js';
import { defineStage, type Stage } from '../../pipeline/stage.js';
import { PII_KINDS, type PiiKind } from './kinds.js';
import { type Data, redactData, textFields } from './text-fields.js';

export const RedactPiiOptions = z.strictObject({
  fields: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .meta({ description: 'Fields of `data` to scan: strings, string arrays, chat `messages`.', whenAbsent: 'every string, string-array and `messages` field' }),
  mode: z.enum(['redact', 'drop']).describe('`redact` replaces PII with placeholders; `drop` removes the record (already redacted) with code `pii`.'),
  kinds: z
    .array(z.enum(PII_KINDS))
    .min(1)
    .optional()
    .meta({ description: 'Kinds to look for.', whenAbsent: 'all kinds' }),
});

export const REDACT_PII_DROP_CODES = {
  pii: 'with `mode: drop`, a record holding PII; detail: the kinds found (the stored record is already redacted)',
} as const;

const reason = dropReasons(REDACT_PII_DROP_CODES);

const redactPiiStage = defineStage('redact-pii', RedactPiiOptions, (opts) => {
  const kinds = new Set<PiiKind>(opts.kinds ?? PII_KINDS);
  return {
    async *run(input: AsyncIterable<Item<Data>>, ctx) {
      // Every enabled kind is listed, zeros included, so manifests of different runs compare.
      const totals = Object.fromEntries(PII_KINDS.filter((k) => kinds.has(k)).map((k) => [k, 0])) as Record<PiiKind, number>;
      for await (const item of input) {
        const { data, counts } = redactData(item.data, opts.fields ?? textFields(item.data), kinds);
        const found = PII_KINDS.filter((k) => (counts[k] ?? 0) > 0);
        for (const k of found) totals[k] += counts[k]!;
        if (found.length === 0) {
          yield item;
          continue;
        }
        const redacted = { ...item, data };
        // The dropped record is the redacted one: rejected.jsonl must never carry the PII itself.
        if (opts.mode === 'drop') ctx.drop(redacted, reason('pii', { kinds: found }));
        else yield redacted;
      }
      ctx.report({ counts: totals });
    },
  };
});

/**
 * Finds personal data and secrets (emails, phone numbers, IPv4/IPv6 addresses, Luhn-valid card
 * numbers, mod-97-valid IBANs, API keys, tokens, JWTs, private key blocks) in text fields and chat
 * messages. `redact` replaces each with `<EMAIL>`, `<PHONE>`, `<IP_ADDRESS>`, `<CARD>`, `<IBAN>` or
 * `<SECRET>`; `drop` drops the record with code `pii` and `{ kinds }`. Reports
 * `{ counts: { kind: n } }`.
 */
export const redactPii = <T extends object = Data>(options: z.input<typeof RedactPiiOptions>): Stage<T, T> =>
  redactPiiStage(options) as unknown as Stage<T, T>;
