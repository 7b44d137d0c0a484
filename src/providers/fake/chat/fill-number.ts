import type { Schema } from './schema-rank.js';

/**
 * A number or integer inside a schema's bounds: `minimum`/`maximum`, `exclusiveMinimum`/
 * `exclusiveMaximum` (numbers in draft 6+, booleans beside minimum/maximum in draft 4) and
 * `multipleOf`. A narrow range (a score 0..1, a rating 1..5) gets a value spread over it by
 * `unit`, a hash in [0, 1); otherwise 0 when allowed, else the nearest allowed value to it.
 * zod's `z.int()` writes ±(2^53 − 1) as bounds: those are read as no bound.
 */
const SAFE = Number.MAX_SAFE_INTEGER;
/** Ranges up to this wide are "narrow": the value is spread over them. */
const NARROW = 1000;

interface Bound {
  value: number;
  exclusive: boolean;
}

const num = (schema: Schema, key: string): number | undefined => {
  const v = schema[key];
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < SAFE ? v : undefined;
};

/** The tighter of the inclusive and exclusive bound on one side (`sign` 1: lower, -1: upper). */
const bound = (schema: Schema, inclusiveKey: string, exclusiveKey: string, sign: 1 | -1): Bound | null => {
  const inclusive = num(schema, inclusiveKey);
  const exclusive = num(schema, exclusiveKey);
  const draft4 = schema[exclusiveKey] === true;
  const candidates: Bound[] = [];
  if (inclusive !== undefined) candidates.push({ value: inclusive, exclusive: draft4 });
  if (exclusive !== undefined) candidates.push({ value: exclusive, exclusive: true });
  if (candidates.length === 0) return null;
  // Tighter: higher for a lower bound, lower for an upper one; exclusive wins a tie.
  return candidates.reduce((a, b) => (sign * (b.value - a.value) > 0 || (b.value === a.value && b.exclusive) ? b : a));
};

const decimals = (x: number): number => {
  const s = String(x);
  const e = /e-(\d+)$/.exec(s);
  if (e) return Number(e[1]);
  return s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
};

export const fillNumber = (schema: Schema, integer: boolean, unit: number): number => {
  const lower = bound(schema, 'minimum', 'exclusiveMinimum', 1);
  const upper = bound(schema, 'maximum', 'exclusiveMaximum', -1);
  const m = num(schema, 'multipleOf');
  const step = m !== undefined && m > 0 ? m : integer ? 1 : undefined;
  const ok = (v: number) =>
    (!integer || Number.isInteger(v)) &&
    (!lower || (lower.exclusive ? v > lower.value : v >= lower.value)) &&
    (!upper || (upper.exclusive ? v < upper.value : v <= upper.value));

  if (step !== undefined) {
    // Values are k * step: find the range of k, then pick one.
    const places = decimals(step);
    const at = (k: number) => Number((k * step).toFixed(Math.min(20, places)));
    let kLo = lower ? Math.ceil(lower.value / step) : -Infinity;
    let kHi = upper ? Math.floor(upper.value / step) : Infinity;
    if (lower && !ok(at(kLo))) kLo++;
    if (upper && !ok(at(kHi))) kHi--;
    let k: number;
    if (Number.isFinite(kLo) && Number.isFinite(kHi) && kHi - kLo <= NARROW) k = kLo + Math.floor(unit * (kHi - kLo + 1));
    else k = Math.min(Math.max(0, kLo), kHi);
    const v = at(k);
    return ok(v) ? v : at(kLo);
  }

  const lo = lower?.value ?? -Infinity;
  const hi = upper?.value ?? Infinity;
  if (Number.isFinite(lo) && Number.isFinite(hi) && hi - lo <= NARROW) {
    const spread = Number((lo + (hi - lo) * (0.1 + 0.8 * unit)).toFixed(2));
    return ok(spread) ? spread : (lo + hi) / 2;
  }
  if (ok(0)) return 0;
  // Half-open or very wide: one unit inside the bound nearest to 0.
  if (lo > 0) return lower!.exclusive ? lo + 1 : lo;
  return upper!.exclusive ? hi - 1 : hi;
};
