import { z } from 'zod';

/**
 * Random zod 4 schemas of the kinds `zodResponseFormat` accepts in strict mode, from a seeded PRNG
 * (mulberry32), so the structured-outputs fuzz test is the same on every run. Each kind is built
 * so that at least one value satisfies it (non-empty ranges, room for a multiple).
 */
type Rng = () => number;

export const rng = (seed: number): Rng => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

type Tree = { label: string; children: Tree[] };
const Tree: z.ZodType<Tree> = z.lazy(() => z.object({ label: z.string(), children: z.array(Tree) }));
type Chain = { step: number; next: Chain | null };
const Chain: z.ZodType<Chain> = z.lazy(() => z.object({ step: z.int().min(1).max(5), next: Chain.nullable() }));
type Doc = { title: string; sections: Section[] };
type Section = { heading: string; parent: Doc | null; sub: Section[] };
const Doc: z.ZodType<Doc> = z.lazy(() => z.object({ title: z.string().min(1), sections: z.array(Section).max(2) }));
const Section: z.ZodType<Section> = z.lazy(() => z.object({ heading: z.string(), parent: Doc.nullable(), sub: z.array(Section) }));
const RECURSIVE = [Tree, Chain, Doc] as const;

const numberSchema = (r: Rng, integer: boolean): z.ZodType => {
  let s = integer ? z.int() : z.number();
  const lo = int(r, -60, 60);
  // At least 12 wide, so an open range still holds a multiple of 5.
  const width = int(r, 12, 200);
  const bounds = int(r, 0, 3);
  if (bounds & 1) s = r() < 0.5 ? s.gt(lo) : s.gte(lo);
  if (bounds & 2) s = r() < 0.5 ? s.lt(lo + width) : s.lte(lo + width);
  if (r() < 0.25) s = s.multipleOf(integer ? pick(r, [2, 3, 5]) : pick(r, [0.5, 0.25, 2]));
  return s;
};

const stringSchema = (r: Rng): z.ZodType => {
  const k = int(r, 0, 9);
  if (k === 0) return z.email();
  if (k === 1) return z.uuid();
  if (k === 2) return z.iso.datetime();
  if (k === 3) return z.iso.date();
  if (k === 4) return z.string().length(int(r, 1, 40));
  const min = int(r, 0, 30);
  return z.string().min(min).max(min + int(r, 0, 40));
};

const leaf = (r: Rng): z.ZodType => {
  const k = int(r, 0, 6);
  if (k === 0) return numberSchema(r, true);
  if (k === 1) return numberSchema(r, false);
  if (k === 2) return z.boolean();
  if (k === 3) return z.enum(['alpha', 'beta', 'gamma', 'delta'].slice(0, int(r, 1, 4)) as [string, ...string[]]);
  if (k === 4) return z.literal(pick(r, ['fixed', 7, true] as const));
  return stringSchema(r);
};

const FIELD_NAMES = ['label', 'rationale', 'answer', 'summary', 'score', 'tags', 'items', 'kind', 'note', 'reasoning', 'value', 'topic'];

export const randomSchema = (r: Rng, depth = 0): z.ZodType => {
  const k = depth >= 3 ? 0 : int(r, 0, 9);
  if (k <= 3) return leaf(r);
  if (k === 4) return randomSchema(r, depth + 1).nullable();
  if (k === 5) {
    const min = int(r, 0, 3);
    return z.array(randomSchema(r, depth + 1)).min(min).max(min + int(r, 0, 3));
  }
  if (k === 6) return pick(r, RECURSIVE);
  if (k === 7) {
    return z.discriminatedUnion('type', [
      z.object({ type: z.literal('a'), a: randomSchema(r, depth + 1) }),
      z.object({ type: z.literal('b'), b: randomSchema(r, depth + 1) }),
    ]);
  }
  if (k === 8) return z.union([leaf(r), leaf(r)]);
  return randomObject(r, depth + 1);
};

export const randomObject = (r: Rng, depth = 0): z.ZodObject => {
  const shape: Record<string, z.ZodType> = {};
  const n = int(r, 1, 5);
  for (let i = 0; i < n; i++) shape[`${pick(r, FIELD_NAMES)}_${i}`] = randomSchema(r, depth);
  return z.object(shape);
};
