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

/**
 * Ids in OpenAI's shapes. Each kind draws from its own seeded stream, so a retried request or an
 * extra poll does not shift the ids of the objects created after it.
 */
export class IdFactory {
  private streams = new Map<string, Rng>();
  constructor(private readonly seed: number) {}

  reset(): void {
    this.streams.clear();
  }

  private stream(kind: string): Rng {
    let rng = this.streams.get(kind);
    if (!rng) {
      rng = seededRng(this.seed ^ hashSeed(kind));
      this.streams.set(kind, rng);
    }
    return rng;
  }

  private draw(kind: string, length: number): string {
    return randomAlphanumeric(this.stream(kind), length);
  }

  file = (): string => `file-${this.draw('file', 22)}`;
  job = (): string => `ftjob-${this.draw('job', 24)}`;
  chat = (): string => `chatcmpl-${this.draw('chat', 29)}`;
  batch = (): string => `batch_${this.draw('batch', 32)}`;
  /** Request ids are hex like the real `req_…` ids. */
  request = (): string => {
    const rng = this.stream('request');
    return `req_${Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('')}`;
  };
}
