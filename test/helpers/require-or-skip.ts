import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** The real data beside the repository (../shared/data/README.md), never copied into it. */
export const SHARED_DATA = join(ROOT, '..', 'shared', 'data');

export interface Requirement {
  /** Whether the tests that need it can run. */
  available: boolean;
  /** A test or describe title, with the reason appended when the tests are skipped. */
  title: (name: string) => string;
}

/**
 * For tests that need something the repository does not hold (a browser, the real data). Where it
 * is there, nothing happens. Where it is missing, the tests are skipped and one more test, named
 * for the requirement, says what is missing; with `<requireVar>=1` (CI sets it) that test fails
 * instead, so a run that only skipped cannot pass there.
 */
export const requireOrSkip = (o: { what: string; missing: string | undefined; requireVar: string; hint?: string }): Requirement => {
  const reason = o.missing === undefined ? '' : `${o.missing}${o.hint ? `. ${o.hint}` : ''}`;
  if (o.missing !== undefined) {
    test(`${o.what} is available`, (ctx) => {
      if (process.env[o.requireVar] === '1') throw new Error(`${reason} (${o.requireVar}=1: here a skip is a failure)`);
      // The reporter does not print skip notes; stderr is printed next to the test's name.
      process.stderr.write(`${o.what} tests skipped: ${reason}\n`);
      ctx.skip(reason);
    });
  }
  return { available: o.missing === undefined, title: (name) => (o.missing === undefined ? name : `${name} (skipped: ${reason})`) };
};

/**
 * Gate for tests that read files under ../shared/data (paths relative to it). CI sets
 * TUNESET_REQUIRE_REAL_DATA=1, where a missing file fails instead of skipping.
 */
export const requireRealData = (...paths: string[]): Requirement => {
  const missing = paths.map((p) => join(SHARED_DATA, p)).filter((p) => !existsSync(p));
  return requireOrSkip({
    what: 'the real data in ../shared/data',
    missing: missing.length === 0 ? undefined : `missing ${missing.map((p) => relative(ROOT, p)).join(', ')}`,
    requireVar: 'TUNESET_REQUIRE_REAL_DATA',
    hint: 'It lives beside the repository, never in it (../shared/data/README.md)',
  });
};
