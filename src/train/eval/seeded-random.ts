import { createHash } from 'node:crypto';

/**
 * A seeded generator of numbers in [0, 1): sfc32 (Chris Doty-Humphrey's small fast counter), its
 * 128-bit state taken from the sha256 of `seed`. Math.random cannot be seeded, and an evaluation's
 * bootstrap interval must come out the same every time the same answers are scored.
 */
export const seededRandom = (seed: string): (() => number) => {
  const digest = createHash('sha256').update(seed).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs still resemble the seed words; sfc32's author discards a few.
  for (let i = 0; i < 12; i++) next();
  return next;
};
