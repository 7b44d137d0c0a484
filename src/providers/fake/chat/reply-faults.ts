/**
 * Replies that spoil structured outputs, for testing a client's handling of a model that answers
 * badly with a 200: `invalid_json` cuts the JSON in half (what a model stopped mid-answer sends),
 * `schema_mismatch` sends valid JSON without the schema's first required property (or, for a
 * schema that requires nothing, the value wrapped in an array). Armed through
 * `fake.faults.invalidJson()` / `fake.faults.schemaMismatch()` (faults.ts).
 */
export type ReplyFaultKind = 'invalid_json' | 'schema_mismatch';

/** The `response_format.type` of a chat request: which reply faults can apply to it. */
export type JsonFormat = 'json_schema' | 'json_object' | null;

export interface ReplyFaultSpec {
  kind: ReplyFaultKind;
  /**
   * Which model's replies: the name as requested (or the Azure deployment) or the model it resolves
   * to, exactly or with `*` wildcards (`'ft:*'`), or a RegExp. Default `'*'`: every model.
   */
  model?: string | RegExp;
  /** How many replies it spoils, then it stays inert (default: unlimited). */
  times?: number;
  /** Chance each matching reply is spoiled (default 1), from the fake's seeded PRNG. */
  probability?: number;
}

/**
 * Whether a fault can spoil this reply at all: invalid JSON needs a request that asked for JSON,
 * a schema mismatch one with a schema. Checked before a fault is counted, so `times` counts only
 * replies it really spoiled.
 */
export const replyFaultApplies = (spec: ReplyFaultSpec, models: readonly string[], format: JsonFormat): boolean => {
  if (format === null || (spec.kind === 'schema_mismatch' && format !== 'json_schema')) return false;
  const pattern = spec.model ?? '*';
  if (pattern instanceof RegExp) return models.some((m) => pattern.test(m));
  const regex = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return models.some((m) => regex.test(m));
};

const parse = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

export const spoilReply = (kind: ReplyFaultKind, content: string, schema: Record<string, unknown> | null): string => {
  if (kind === 'invalid_json') {
    const cut = content.slice(0, Math.max(1, Math.floor(content.length / 2)));
    // A prefix of an object or array never parses; of a bare number it might.
    return parse(cut).ok ? `${cut}{` : cut;
  }
  const parsed = parse(content);
  if (!parsed.ok) return content;
  const value = parsed.value;
  const required = Array.isArray(schema?.['required']) ? (schema['required'] as unknown[]).filter((k): k is string => typeof k === 'string') : [];
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && required.length > 0) {
    const rest = { ...(value as Record<string, unknown>) };
    delete rest[required[0]!];
    return JSON.stringify(rest);
  }
  return JSON.stringify([value]);
};
