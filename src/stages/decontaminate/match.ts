import type { EvalIndex } from './eval-index.js';
import { textFeatures } from './features.js';

/** The texts of a field value: a string, the strings of an array, the content of chat messages. */
const fieldTexts = (value: unknown): string[] => {
  // In document order, with an explicit stack: a field nested 100k deep is read, not a stack overflow.
  const texts: string[] = [];
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const v = todo.pop();
    if (typeof v === 'string') texts.push(v);
    else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) todo.push(v[i]);
    else if (v !== null && typeof v === 'object' && 'content' in v) todo.push((v as { content: unknown }).content);
    else if (v !== null && typeof v === 'object' && 'text' in v) todo.push((v as { text: unknown }).text);
  }
  return texts;
};

/** Each text of each field apart: an option's n-grams never run into the next option's. */
const featuresOf = (data: Record<string, unknown>, fields: readonly string[], n: number): Map<number, number> => {
  const features = new Map<number, number>();
  for (const f of fields) for (const text of fieldTexts(data[f])) textFeatures(text, n, features);
  return features;
};

interface Overlap {
  total: number;
  /** Eval item position -> weight of the features found in it. */
  found: Map<number, number>;
}

const overlapWith = (features: Map<number, number>, index: EvalIndex): Overlap => {
  const found = new Map<number, number>();
  let total = 0;
  for (const [hash, weight] of features) {
    total += weight;
    const owners = index.owners(hash);
    if (owners === undefined) continue;
    for (const at of typeof owners === 'number' ? [owners] : owners) found.set(at, (found.get(at) ?? 0) + weight);
  }
  return { total, found };
};

const share = (o: Overlap, at: number): number => (o.total === 0 ? 0 : (o.found.get(at) ?? 0) / o.total);

export interface MatchRule {
  fields: readonly string[];
  context: readonly string[];
  n: number;
  threshold: number;
  contextThreshold: number;
}

export interface Contamination {
  evalId: string;
  /** Share of the item's `fields` features found in that eval item. */
  overlap: number;
  /** Share of its `context` features found there (only when `context` is set). */
  contextOverlap?: number;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The eval item a training item overlaps, if any. Contaminated by eval item E when
 *  - at least `threshold` of the item's own text (`fields`: question, options) is found in E, or
 *  - at least `contextThreshold` of its context (`context`: the passage) is found in E and some of
 *    its own text is too: the passage and question of E together. A passage alone names no single
 *    eval item, since sibling questions of one passage all share it; the rest tells which.
 * `threshold` is high (0.8) because question stems are formulaic: on real AR-LSAT, questions of
 * other games share up to half of their features with some test question ("which one of the
 * following could be a complete and accurate list of the ...", options "second", "third", ...).
 * Among eval items that qualify, the one with the most of both wins (the first on a tie).
 */
export const findContamination = (data: Record<string, unknown>, index: EvalIndex, rule: MatchRule): Contamination | undefined => {
  const own = overlapWith(featuresOf(data, rule.fields, index.n), index);
  const context = overlapWith(featuresOf(data, rule.context, index.n), index);
  let best: { at: number; own: number; context: number } | undefined;
  for (const at of new Set([...own.found.keys(), ...context.found.keys()])) {
    const o = share(own, at);
    const c = share(context, at);
    const hit = o >= rule.threshold || (context.total > 0 && c >= rule.contextThreshold && o > 0);
    if (!hit) continue;
    if (!best || o + c > best.own + best.context || (o + c === best.own + best.context && at < best.at)) best = { at, own: o, context: c };
  }
  if (!best) return undefined;
  return { evalId: index.ids[best.at]!, overlap: round(best.own), ...(rule.context.length > 0 ? { contextOverlap: round(best.context) } : {}) };
};
