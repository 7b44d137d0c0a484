import { createHash } from 'node:crypto';

/**
 * Determinism for the fake: every id, loss curve, fault draw and chat answer comes from a seed or a
 * hash, so a test run is reproducible byte for byte and a failure can be replayed.
 */

/** A PRNG in [0, 1): mulberry32, small and good enough for simulated noise and fault draws. */
export type Rng = () => number;

export const seededRng = (seed: number): Rng => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** A 32-bit seed from any text (first 4 bytes of its sha256). */
export const hashSeed = (text: string): number => createHash('sha256').update(text).digest().readUInt32BE(0);

/** A number in [0, 1) fixed by the text: the same prompt always draws the same value. */
export const hashUnit = (text: string): number => hashSeed(text) / 4_294_967_296;

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` alphanumerics drawn from the PRNG (the shape of real OpenAI id suffixes). */
export const randomAlphanumeric = (rng: Rng, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC.charAt(Math.floor(rng() * ALPHANUMERIC.length));
  return out;
};

/** `length` alphanumerics fixed by the text, for ids derived from another object (events of a job). */
export const hashAlphanumeric = (text: string, length: number): string => randomAlphanumeric(seededRng(hashSeed(text)), length);

/** Ids in OpenAI's shapes, drawn from one seeded stream so a run's ids are reproducible. */
export class IdFactory {
  private rng: Rng;
  constructor(private readonly seed: number) {
    this.rng = seededRng(seed);
  }

  reset(): void {
    this.rng = seededRng(this.seed);
  }

  file = (): string => `file-${randomAlphanumeric(this.rng, 22)}`;
  job = (): string => `ftjob-${randomAlphanumeric(this.rng, 24)}`;
  chat = (): string => `chatcmpl-${randomAlphanumeric(this.rng, 29)}`;
  batch = (): string => `batch_${randomAlphanumeric(this.rng, 32)}`;
  /** Request ids are hex like the real `req_…` ids. */
  request = (): string => `req_${Array.from({ length: 32 }, () => Math.floor(this.rng() * 16).toString(16)).join('')}`;
}
