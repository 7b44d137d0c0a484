import { readFileSync, writeFileSync } from 'node:fs';

interface Passage {
  questions: unknown[];
}

/** A small seeded generator (mulberry32): the same "random" order on every run and machine. */
const seededRandom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const shuffle = <T>(items: readonly T[], random: () => number): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

export type PassageOrder = 'reversed' | 'shuffled';

/**
 * Writes the AR-LSAT passages of `file` to `out` in another order: reversed (passages and each
 * passage's questions), or shuffled by `seed` (passages and questions). The records are the same;
 * only their order changes.
 */
export const writeReordered = (file: string, order: PassageOrder, out: string, seed = 1): string => {
  const passages = JSON.parse(readFileSync(file, 'utf8')) as Passage[];
  const random = seededRandom(seed);
  const reordered =
    order === 'reversed'
      ? [...passages].reverse().map((p) => ({ ...p, questions: [...p.questions].reverse() }))
      : shuffle(passages, random).map((p) => ({ ...p, questions: shuffle(p.questions, random) }));
  writeFileSync(out, JSON.stringify(reordered, null, 1));
  return out;
};
